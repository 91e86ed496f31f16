import { Button, Group, Paper, Select, Stack, Text } from "@mantine/core";
import type { TConditionType, TIdentityProvider } from "@portcullis/shared";
import { get, useController, useFormContext } from "react-hook-form";
import { DirectoryValuesSelect, EVERY_SOURCE } from "../../directory/index.ts";
import type { ConditionInput, FlowFormValues } from "./flow-form-values.ts";

const TYPE_WORDS: Record<TConditionType, string> = {
  user: "Users",
  group: "Groups",
  Owner: "Owner (resource owner, else the integration owner)",
};

export function messageAt(errors: unknown, path: string): string | undefined {
  const error = get(errors, path) as { message?: unknown } | undefined;
  return typeof error?.message === "string" && error.message ? error.message : undefined;
}

/**
 * One condition of requestors or approvers: who (users, groups or Owner), from which identity
 * source, and which ones. `path` is the condition's place in the body, e.g. "requestors.conditions.0".
 */
export function ConditionFields({
  path,
  types,
  providers,
  legend,
  onRemove,
}: {
  path: `requestors.conditions.${number}` | `approver_policy.approver_groups.${number}.approvers.${number}`;
  types: readonly TConditionType[];
  providers: readonly TIdentityProvider[];
  legend: string;
  onRemove?: () => void;
}) {
  const { control, formState } = useFormContext<FlowFormValues>();
  const { field } = useController({ control, name: path });
  const condition = field.value as ConditionInput;
  const set = (next: Partial<ConditionInput>) => field.onChange({ ...condition, ...next });
  const source = condition.source_integration_reference ?? EVERY_SOURCE;
  return (
    <Paper withBorder p="sm" radius="sm" component="fieldset" style={{ minWidth: 0 }}>
      <Text component="legend" size="sm" fw={500} px={4}>
        {legend}
      </Text>
      <Stack gap="xs">
        <Group gap="xs" grow wrap="wrap" align="flex-start">
          <Select
            label="Who"
            data={types.map((type) => ({ value: type, label: TYPE_WORDS[type] }))}
            value={condition.type}
            allowDeselect={false}
            onChange={(value) =>
              value &&
              value !== condition.type &&
              set({ type: value as TConditionType, values: [], source_integration_reference: null })
            }
            error={messageAt(formState.errors, `${path}.type`)}
            miw={160}
            comboboxProps={{ withinPortal: true }}
          />
          {condition.type !== "Owner" && (
            <Select
              label="Identity source"
              data={[
                { value: EVERY_SOURCE, label: "Every source" },
                ...providers.map((provider) => ({ value: provider.id, label: provider.name })),
              ]}
              value={source}
              allowDeselect={false}
              onChange={(value) =>
                value &&
                value !== source &&
                set({ source_integration_reference: value === EVERY_SOURCE ? null : value, values: [] })
              }
              error={messageAt(formState.errors, `${path}.source_integration_reference`)}
              miw={160}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        </Group>
        {condition.type === "Owner" ? (
          <Text size="xs" c="dimmed">
            The owner of each requested resource, resolved from its tags; when none is found, the integration
            owner.
          </Text>
        ) : (
          <DirectoryValuesSelect
            label={condition.type === "group" ? "Groups" : "Users"}
            withAsterisk
            providerId={condition.source_integration_reference ?? null}
            type={condition.type === "group" ? "group" : "user"}
            values={condition.values ?? []}
            onChange={(values) => set({ values })}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={messageAt(formState.errors, `${path}.values`)}
          />
        )}
        {onRemove && (
          <Group justify="flex-end">
            <Button variant="subtle" color="red" size="xs" onClick={onRemove}>
              Remove {legend.toLowerCase()}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
