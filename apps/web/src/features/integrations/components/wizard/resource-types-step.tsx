import { Alert, Anchor, Checkbox, Group, List, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { INTEGRATION_CATALOG, type TIntegrationType } from "@portcullis/shared";
import { useController, useFormContext } from "react-hook-form";
import { FieldLabel, fieldHelp, splitFirstSentence } from "./field-help.tsx";
import type { WizardValues } from "./wizard-values.ts";

export function ResourceTypesStep({ type }: { type: TIntegrationType }) {
  const { control } = useFormContext<WizardValues>();
  const { field, fieldState } = useController({ control, name: "connected_resource_types" });
  const definition = INTEGRATION_CATALOG[type];
  const help = fieldHelp("connected_resource_types");
  const [instruction, callout] = splitFirstSentence(help.help);
  const selected = new Set(field.value);
  const prerequisites = definition.resourceTypes.filter(
    (resourceType) => selected.has(resourceType.id) && resourceType.prerequisites.length > 0,
  );
  const allIds = definition.resourceTypes.map((resourceType) => resourceType.id);
  const errorId = "connected-resource-types-error";

  return (
    <Stack gap="md">
      <Checkbox.Group
        value={field.value}
        onChange={(value) => field.onChange(value)}
        label={<FieldLabel label={help.label} optional={false} />}
        description={instruction}
        withAsterisk
        error={fieldState.error?.message}
        errorProps={{ id: errorId }}
      >
        <Group gap="xs" mt={4} mb="xs">
          <Anchor component="button" type="button" size="xs" onClick={() => field.onChange(allIds)}>
            Select all
          </Anchor>
          <Anchor component="button" type="button" size="xs" onClick={() => field.onChange([])}>
            Clear
          </Anchor>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {definition.resourceTypes.map((resourceType, index) => (
            <Paper
              key={resourceType.id}
              withBorder
              p="sm"
              radius="md"
              bg={selected.has(resourceType.id) ? "var(--mantine-color-blue-light)" : undefined}
            >
              <Checkbox
                value={resourceType.id}
                label={resourceType.label}
                description={resourceType.description}
                ref={index === 0 ? field.ref : undefined}
                aria-invalid={fieldState.invalid || undefined}
                aria-describedby={fieldState.invalid ? errorId : undefined}
                onBlur={field.onBlur}
              />
            </Paper>
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      {callout && (
        <Alert color="blue" variant="light" title="Discovery" role="note">
          {callout}
        </Alert>
      )}
      {prerequisites.length > 0 && (
        <Alert
          color="yellow"
          variant="light"
          title="Prerequisites"
          role="note"
          data-testid="resource-type-prerequisites"
        >
          <List size="sm" spacing={4}>
            {prerequisites.flatMap((resourceType) =>
              resourceType.prerequisites.map((prerequisite) => (
                <List.Item key={`${resourceType.id}:${prerequisite}`}>
                  <Text span fw={600} size="sm">
                    {resourceType.label}:
                  </Text>{" "}
                  {prerequisite}
                </List.Item>
              )),
            )}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
