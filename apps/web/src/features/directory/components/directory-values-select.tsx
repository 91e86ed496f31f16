import { MultiSelect, type MultiSelectProps, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import type { TOwnerAttributeType } from "@portcullis/shared";
import { type Ref, useRef, useState } from "react";
import { errorMessage } from "../../../components/states.tsx";
import { type DirectoryOption, EVERY_SOURCE, useDirectorySearch } from "../api/directory.ts";

/**
 * The value picker of an owner setting or an access-flow condition: users (saved by email) or
 * groups (by name) of one identity source, or of every source (`providerId` null or EVERY_SOURCE),
 * searched on the server as one types. Values picked earlier keep their labels when a later search
 * no longer returns them; each option shows its description (an email, a member count, and across
 * every source the sources that have it).
 */
export function DirectoryValuesSelect({
  providerId,
  type,
  values,
  onChange,
  inputRef,
  ...props
}: Omit<MultiSelectProps, "data" | "value" | "onChange" | "searchValue" | "onSearchChange"> & {
  providerId: string | null;
  type: TOwnerAttributeType;
  values: readonly string[];
  onChange: (values: string[]) => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const results = useDirectorySearch(providerId || EVERY_SOURCE, type, debounced);
  const known = useRef(new Map<string, DirectoryOption>());
  for (const option of results.data ?? []) known.current.set(option.value, option);
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
      placeholder={values.length ? undefined : `Search ${noun}`}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server searched; the list shows what it found, not a filter of the first page.
      filter={({ options: shown }) => shown}
      data={options.map((option) => ({ value: option.value, label: option.label }))}
      value={[...values]}
      onChange={onChange}
      nothingFoundMessage={
        results.isFetching ? "Searching…" : results.isError ? errorMessage(results.error) : `No ${noun} match`
      }
      hidePickedOptions
      maxDropdownHeight={260}
      comboboxProps={{ withinPortal: true }}
      renderOption={({ option }) => {
        const found = options.find((item) => item.value === option.value);
        return (
          <Stack gap={0}>
            <Text size="sm">{option.label}</Text>
            {found?.description && (
              <Text size="xs" c="dimmed">
                {found.description}
              </Text>
            )}
          </Stack>
        );
      }}
      {...props}
    />
  );
}
