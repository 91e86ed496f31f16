import { Group, NumberInput, Select } from "@mantine/core";
import { GRANT_DURATION_MIN_MAX } from "@portcullis/shared";
import { useState } from "react";
import { useController, useFormContext } from "react-hook-form";
import { messageAt } from "./condition-fields.tsx";
import type { FlowFormValues } from "./flow-form-values.ts";

const UNITS = [
  { value: "1", label: "minutes" },
  { value: "60", label: "hours" },
  { value: "1440", label: "days" },
];

/** The largest unit that divides the minutes exactly, so a saved flow reads as it was typed. */
function unitOf(minutes: number | null | undefined): string {
  if (!minutes) return "60";
  if (minutes % 1440 === 0) return "1440";
  if (minutes % 60 === 0) return "60";
  return "1";
}

/** How long an approved request lasts: a number and a unit, stored in minutes. */
export function GrantDurationField() {
  const { control, formState } = useFormContext<FlowFormValues>();
  const { field } = useController({ control, name: "grant_duration_in_min" });
  const minutes = typeof field.value === "number" ? field.value : null;
  const [unit, setUnit] = useState(() => unitOf(minutes));
  const factor = Number(unit);
  const shown = minutes === null ? "" : minutes / factor;
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <NumberInput
        ref={field.ref}
        label="Grant duration"
        description={`How long access lasts once granted; at most ${GRANT_DURATION_MIN_MAX / 1440} days.`}
        withAsterisk
        min={1}
        // The schema says what is wrong with 0 (the API's words) rather than the box changing it.
        clampBehavior="none"
        allowDecimal={unit !== "1"}
        value={shown}
        onChange={(value) => field.onChange(value === "" ? null : Math.round(Number(value) * factor))}
        onBlur={field.onBlur}
        error={messageAt(formState.errors, "grant_duration_in_min")}
        style={{ flex: 1 }}
        maw={260}
      />
      <Select
        label="Unit"
        data={UNITS}
        value={unit}
        allowDeselect={false}
        onChange={(value) => {
          if (!value) return;
          setUnit(value);
          if (minutes !== null) field.onChange(Math.round((minutes / factor) * Number(value)));
        }}
        w={110}
        comboboxProps={{ withinPortal: true }}
      />
    </Group>
  );
}
