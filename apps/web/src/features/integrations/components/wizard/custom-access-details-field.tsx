import { Badge, Button, Group, Modal, Paper, Stack, Text, Textarea } from "@mantine/core";
import {
  CUSTOM_ACCESS_DETAILS_MAX,
  CUSTOM_ACCESS_DETAILS_TITLE,
  countAccessDetailsCharacters,
  INTEGRATION_CATALOG,
  type TIntegrationType,
} from "@portcullis/shared";
import { useState } from "react";
import { useController, useFormContext } from "react-hook-form";
import { AccessDetailsMessage } from "../../../../components/access-details-message.tsx";
import { FieldLabel, fieldHelp } from "./field-help.tsx";
import type { WizardValues } from "./wizard-values.ts";

const COUNTER_ID = "custom-access-details-counter";

/** Custom Access Details with a live counter and a Preview of the portal message. */
export function CustomAccessDetailsField({ type }: { type: TIntegrationType }) {
  const { control, watch } = useFormContext<WizardValues>();
  const { field, fieldState } = useController({ control, name: "custom_access_details" });
  const [previewing, setPreviewing] = useState(false);
  const help = fieldHelp("custom_access_details");
  const text = field.value ?? "";
  const count = countAccessDetailsCharacters(text);
  const over = count > CUSTOM_ACCESS_DETAILS_MAX;
  const name = watch("name").trim();

  return (
    <Stack gap={4}>
      <Textarea
        ref={field.ref}
        label={<FieldLabel label={help.label} optional />}
        description={help.help}
        placeholder="For example: Request the ReadOnly role, then sign in with the AWS CLI profile. Runbook: https://wiki.example.com/aws"
        autosize
        minRows={3}
        maxRows={10}
        value={text}
        onChange={(event) => field.onChange(event.currentTarget.value)}
        onBlur={field.onBlur}
        error={fieldState.error?.message}
      />
      <Group justify="space-between" wrap="nowrap">
        <Text size="xs" c={over ? "red" : "dimmed"} id={COUNTER_ID} data-testid="access-details-counter">
          {count} / {CUSTOM_ACCESS_DETAILS_MAX} characters
          {over ? ` (${count - CUSTOM_ACCESS_DETAILS_MAX} too many)` : ""}
        </Text>
        <Button variant="subtle" size="xs" onClick={() => setPreviewing(true)}>
          Preview
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        You can also set custom_access_details with Terraform: the Confirm step shows the equivalent resource.
      </Text>
      <Modal
        opened={previewing}
        onClose={() => setPreviewing(false)}
        title="Preview: what end users see in the portal"
        size="lg"
      >
        <Paper withBorder p="md" radius="md" data-testid="access-details-preview">
          <Group justify="space-between" mb="sm" wrap="wrap">
            <Text fw={600}>{name || "This integration"}</Text>
            <Badge variant="light">{INTEGRATION_CATALOG[type].label}</Badge>
          </Group>
          {text.trim() ? (
            <AccessDetailsMessage title={CUSTOM_ACCESS_DETAILS_TITLE} text={text} />
          ) : (
            <Text size="sm" c="dimmed">
              No custom access details yet: end users will see no message from you.
            </Text>
          )}
        </Paper>
        {over && (
          <Text size="sm" c="red" mt="sm">
            The text is {count - CUSTOM_ACCESS_DETAILS_MAX} characters over the limit of{" "}
            {CUSTOM_ACCESS_DETAILS_MAX}; shorten it before you continue.
          </Text>
        )}
        <Group justify="flex-end" mt="md">
          <Button onClick={() => setPreviewing(false)}>Close</Button>
        </Group>
      </Modal>
    </Stack>
  );
}
