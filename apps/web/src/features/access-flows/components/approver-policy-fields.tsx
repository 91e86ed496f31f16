import { Button, Group, Paper, SegmentedControl, Stack, Text } from "@mantine/core";
import type { TIdentityProvider } from "@portcullis/shared";
import { Controller, useFieldArray, useFormContext } from "react-hook-form";
import { ConditionFields, messageAt } from "./condition-fields.tsx";
import type { FlowFormValues } from "./flow-form-values.ts";

const APPROVER_TYPES = ["Owner", "user", "group"] as const;
const NEW_APPROVER = {
  type: "user",
  source_integration_reference: null,
  match_operator: "is",
  values: [],
} as const;

function ApproverGroup({
  index,
  providers,
  onRemove,
}: {
  index: number;
  providers: readonly TIdentityProvider[];
  onRemove?: () => void;
}) {
  const path = `approver_policy.approver_groups.${index}` as const;
  const { control, formState } = useFormContext<FlowFormValues>();
  const approvers = useFieldArray({ control, name: `${path}.approvers` });
  const groupError = messageAt(formState.errors, `${path}.approvers`);
  return (
    <Paper withBorder p="sm" radius="md" component="fieldset" style={{ minWidth: 0 }}>
      <Text component="legend" size="sm" fw={600} px={4}>
        Approver group {index + 1}
      </Text>
      <Stack gap="xs">
        <Controller
          control={control}
          name={`${path}.logical_operator`}
          render={({ field }) => (
            <Stack gap={4}>
              <Text size="sm" id={`approver-group-${index}-operator`}>
                Approvals this group needs
              </Text>
              <SegmentedControl
                aria-labelledby={`approver-group-${index}-operator`}
                data={[
                  { value: "OR", label: "One, from anyone below" },
                  { value: "AND", label: "One per approver below" },
                ]}
                value={field.value}
                onChange={field.onChange}
                fullWidth
                size="xs"
                styles={{ label: { whiteSpace: "normal" } }}
              />
            </Stack>
          )}
        />
        {approvers.fields.map((approver, approverIndex) => (
          <ConditionFields
            key={approver.id}
            path={`${path}.approvers.${approverIndex}`}
            types={APPROVER_TYPES}
            providers={providers}
            legend={`Approver ${approverIndex + 1}`}
            onRemove={approvers.fields.length > 1 ? () => approvers.remove(approverIndex) : undefined}
          />
        ))}
        {groupError && (
          <Text size="sm" c="red" role="alert">
            {groupError}
          </Text>
        )}
        <Group justify="space-between">
          <Button
            variant="default"
            size="xs"
            onClick={() => approvers.append({ ...NEW_APPROVER, values: [] })}
          >
            Add approver
          </Button>
          {onRemove && (
            <Button variant="subtle" color="red" size="xs" onClick={onRemove}>
              Remove approver group {index + 1}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** ANY_OF / ALL_OF over approver groups, each a list of users, groups or the resource owner. */
export function ApproverPolicyFields({ providers }: { providers: readonly TIdentityProvider[] }) {
  const { control, formState } = useFormContext<FlowFormValues>();
  const groups = useFieldArray({ control, name: "approver_policy.approver_groups" });
  const groupsError = messageAt(formState.errors, "approver_policy.approver_groups");
  return (
    <Stack gap="sm">
      <Controller
        control={control}
        name="approver_policy.approval_mode"
        render={({ field }) => (
          <Stack gap={4}>
            <Text size="sm" id="approval-mode-label">
              Approval mode
            </Text>
            <SegmentedControl
              aria-labelledby="approval-mode-label"
              data={[
                { value: "ANY_OF", label: "Any group approves" },
                { value: "ALL_OF", label: "Every group approves" },
              ]}
              value={field.value}
              onChange={field.onChange}
              fullWidth
              styles={{ label: { whiteSpace: "normal" } }}
            />
            {messageAt(formState.errors, "approver_policy.approval_mode") && (
              <Text size="sm" c="red">
                {messageAt(formState.errors, "approver_policy.approval_mode")}
              </Text>
            )}
          </Stack>
        )}
      />
      {groups.fields.map((group, index) => (
        <ApproverGroup
          key={group.id}
          index={index}
          providers={providers}
          onRemove={groups.fields.length > 1 ? () => groups.remove(index) : undefined}
        />
      ))}
      {groupsError && (
        <Text size="sm" c="red" role="alert">
          {groupsError}
        </Text>
      )}
      <Group>
        <Button
          variant="default"
          size="xs"
          onClick={() =>
            groups.append({ logical_operator: "OR", approvers: [{ ...NEW_APPROVER, values: [] }] })
          }
        >
          Add approver group
        </Button>
      </Group>
    </Stack>
  );
}
