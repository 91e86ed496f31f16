import { Badge, Group, Stack, Switch, Text, TextInput } from "@mantine/core";
import { OU_ID_PATTERN, parseOrganizationUnitIds, type TConfigParamDefinition } from "@portcullis/shared";
import type { ReactNode } from "react";
import { type ControllerRenderProps, useController, useFormContext } from "react-hook-form";
import { RegionSelect } from "../../../connectors/index.ts";
import { FieldLabel } from "./field-help.tsx";
import type { WizardValues } from "./wizard-values.ts";

type FieldProps = {
  param: TConfigParamDefinition;
  field: ControllerRenderProps<WizardValues, `integration_config.${string}`>;
  value: string;
  label: ReactNode;
  error: string | undefined;
};

/**
 * One `integration_config` setting, drawn from its shared definition: the input follows the
 * field's `kind`, the texts (label, help, placeholder) its catalog entry.
 */
export function ConfigField({ param }: { param: TConfigParamDefinition }) {
  const { control } = useFormContext<WizardValues>();
  const { field, fieldState } = useController({ control, name: `integration_config.${param.id}` });
  const props: FieldProps = {
    param,
    field,
    value: typeof field.value === "string" ? field.value : "",
    label: <FieldLabel label={param.label} optional={param.optional} />,
    error: fieldState.error?.message,
  };
  switch (param.kind) {
    case "region":
      return <RegionField {...props} />;
    case "boolean":
      return <BooleanField {...props} />;
    case "ou-list":
      return <OuListField {...props} />;
    case "days":
      return <TextField {...props} unit="days" />;
    case "text":
      return <TextField {...props} />;
    default: {
      const unknown: never = param.kind;
      throw new Error(`No input for config fields of kind ${String(unknown)}`);
    }
  }
}

function RegionField({ param, field, value, label, error }: FieldProps) {
  return (
    <RegionSelect
      ref={field.ref}
      label={label}
      description={param.help}
      withAsterisk={!param.optional}
      value={value || null}
      onChange={(next) => field.onChange(next ?? "")}
      onBlur={field.onBlur}
      error={error}
    />
  );
}

/** Config values are strings, so the switch writes "true" or "false". */
function BooleanField({ param, field, value, label, error }: FieldProps) {
  return (
    <Switch
      ref={field.ref}
      label={label}
      description={param.help}
      checked={value === "true"}
      onChange={(event) => field.onChange(event.currentTarget.checked ? "true" : "false")}
      onBlur={field.onBlur}
      error={error}
    />
  );
}

/** Free text, with a unit beside it (and a numeric keyboard) for a number of days. */
function TextField({ param, field, value, label, error, unit }: FieldProps & { unit?: "days" }) {
  return (
    <TextInput
      ref={field.ref}
      label={label}
      description={param.help}
      withAsterisk={!param.optional}
      placeholder={param.placeholder}
      value={value}
      onChange={(event) => field.onChange(event.currentTarget.value)}
      onBlur={field.onBlur}
      error={error}
      autoComplete="off"
      spellCheck={false}
      inputMode={unit ? "numeric" : undefined}
      rightSection={
        unit ? (
          <Text size="xs" c="dimmed" pr="xs">
            {unit}
          </Text>
        ) : undefined
      }
      rightSectionWidth={unit ? 48 : undefined}
    />
  );
}

/** A comma-separated list of OU ids, with each id as read shown below, invalid ones marked. */
function OuListField({ param, field, value, label, error }: FieldProps) {
  const ids = parseOrganizationUnitIds(value);
  return (
    <Stack gap={4}>
      <TextInput
        ref={field.ref}
        label={label}
        description={param.help}
        placeholder={param.placeholder}
        value={value}
        onChange={(event) => field.onChange(event.currentTarget.value)}
        onBlur={field.onBlur}
        error={error}
        autoComplete="off"
        spellCheck={false}
      />
      {ids.length > 0 && (
        <Group gap={4} aria-label="Organization unit IDs as read" role="list">
          {ids.map((id) => {
            const valid = OU_ID_PATTERN.test(id);
            return (
              <Badge
                key={id}
                role="listitem"
                variant="light"
                color={valid ? "gray" : "red"}
                tt="none"
                title={valid ? "Valid organizational unit ID" : "Not a valid organizational unit ID"}
              >
                {id}
                {valid ? "" : " ✕"}
              </Badge>
            );
          })}
        </Group>
      )}
    </Stack>
  );
}
