import { Button, Group, MultiSelect, Paper, Select, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import type { TConditionType, TIdentityProvider } from "@portcullis/shared";
import { useRef, useState } from "react";
import { get, useController, useFormContext } from "react-hook-form";
import { errorMessage } from "../../../components/states.tsx";
import { type DirectoryOption, useDirectorySearch } from "../../directory/index.ts";
import type { ConditionInput, FlowFormValues } from "./flow-form-values.ts";

/** "Every source" in the source picker: the condition's values are looked up in all sources. */
const EVERY_SOURCE = "*";

const TYPE_WORDS: Record<TConditionType, string> = {
  user: "Users",
  group: "Groups",
  Owner: "Owner (resource owner, else the integration owner)",
};

export function messageAt(errors: unknown, path: string): string | undefined {
  const error = get(errors, path) as { message?: unknown } | undefined;
  return typeof error?.message === "string" && error.message ? error.message : undefined;
}

/** Users or groups of a source, searched as you type; picked values keep their labels. */
function ValuesSelect({
  label,
  condition,
  onChange,
  onBlur,
  inputRef,
  error,
}: {
  label: string;
  condition: ConditionInput;
  onChange: (values: string[]) => void;
  onBlur: () => void;
  inputRef: (instance: HTMLInputElement | null) => void;
  error: string | undefined;
}) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const type = condition.type === "group" ? "group" : "user";
  const results = useDirectorySearch(condition.source_integration_reference ?? "", type, debounced);
  const known = useRef(new Map<string, DirectoryOption>());
  for (const option of results.data ?? []) known.current.set(option.value, option);
  const values = condition.values ?? [];
  const options = [...(results.data ?? [])];
  for (const value of values) {
    if (!options.some((option) => option.value === value)) {
      options.push(known.current.get(value) ?? { value, label: value, description: "" });
    }
  }
  const noun = type === "user" ? "users" : "groups";
  return (
    <MultiSelect
      ref={inputRef}
      label={label}
      withAsterisk
      placeholder={values.length ? undefined : `Search ${noun}`}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: shown }) => shown}
      data={options.map((option) => ({ value: option.value, label: option.label }))}
      value={values}
      onChange={onChange}
      onBlur={onBlur}
      error={error}
      nothingFoundMessage={
        results.isFetching ? "Searching…" : results.isError ? errorMessage(results.error) : `No ${noun} match`
      }
      hidePickedOptions
      maxDropdownHeight={260}
      comboboxProps={{ withinPortal: true }}
    />
  );
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
          <ValuesSelect
            label={condition.type === "group" ? "Groups" : "Users"}
            condition={condition}
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
