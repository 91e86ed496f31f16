import { Checkbox, Group, Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useIntegrationOptions, usePersonOptions } from "../api/activity.ts";

/** Time range presets: label and how far back from now (null: no limit, CloudTrail's 90 days at most). */
export const TIME_RANGES = [
  { value: "1h", label: "Last hour", ms: 3600_000 },
  { value: "24h", label: "Last 24 hours", ms: 24 * 3600_000 },
  { value: "7d", label: "Last 7 days", ms: 7 * 24 * 3600_000 },
  { value: "30d", label: "Last 30 days", ms: 30 * 24 * 3600_000 },
  { value: "all", label: "Any time", ms: null },
] as const;

export type TimeRange = (typeof TIME_RANGES)[number]["value"];

export type FilterValues = {
  integrationId: string | null;
  personId: string | null;
  /** Set by a link to one request's timeline (`?request=`); cleared with "Show all activity". */
  requestId: string | null;
  range: TimeRange;
  writesOnly: boolean;
  errorsOnly: boolean;
};

export function ActivityFilters({
  values,
  onChange,
}: {
  values: FilterValues;
  onChange: (change: Partial<FilterValues>) => void;
}) {
  const integrations = useIntegrationOptions();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const people = usePersonOptions(debounced);
  // The chosen person stays selectable while the search lists others.
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const personData = [
    ...(chosen && values.personId === chosen.value ? [chosen] : []),
    ...(people.data ?? []).filter((p) => p.value !== values.personId),
  ];

  return (
    <Group align="end" gap="md" wrap="wrap">
      <Select
        label="Integration"
        placeholder="All integrations"
        data={integrations.data ?? []}
        value={values.integrationId}
        onChange={(integrationId) => onChange({ integrationId })}
        clearable
        searchable
        w={220}
      />
      <Select
        label="Person"
        placeholder="Everyone"
        data={personData}
        value={values.personId}
        searchValue={search}
        onSearchChange={setSearch}
        onChange={(personId, option) => {
          setChosen(option ? { value: option.value, label: option.label } : null);
          onChange({ personId });
        }}
        nothingFoundMessage={people.isFetching ? "Searching…" : "Nobody matches"}
        clearable
        searchable
        filter={({ options }) => options}
        w={260}
      />
      <Select
        label="Time"
        data={TIME_RANGES.map(({ value, label }) => ({ value, label }))}
        value={values.range}
        onChange={(range) => onChange({ range: (range ?? "7d") as TimeRange })}
        allowDeselect={false}
        w={170}
      />
      <Checkbox
        label="Writes only"
        checked={values.writesOnly}
        onChange={(event) => onChange({ writesOnly: event.currentTarget.checked })}
        mb={8}
      />
      <Checkbox
        label="Errors only"
        checked={values.errorsOnly}
        onChange={(event) => onChange({ errorsOnly: event.currentTarget.checked })}
        mb={8}
      />
    </Group>
  );
}
