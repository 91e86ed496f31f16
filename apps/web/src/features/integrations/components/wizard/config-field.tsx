import { Badge, Group, Stack, Switch, Text, TextInput } from "@mantine/core";
import { OU_ID_PATTERN, parseOrganizationUnitIds, type TConfigParamDefinition } from "@portcullis/shared";
import { useController, useFormContext } from "react-hook-form";
import { RegionSelect } from "../../../connectors/index.ts";
import { FieldLabel } from "./field-help.tsx";
import type { WizardValues } from "./wizard-values.ts";

const REGION_PARAMS = new Set(["region", "sso_region"]);

/** One `integration_config` setting, drawn from its catalog definition (label, help, default, choices). */
export function ConfigField({ param }: { param: TConfigParamDefinition }) {
  const { control } = useFormContext<WizardValues>();
  const name = `integration_config.${param.id}` as const;
  const { field, fieldState } = useController({ control, name });
  const label = <FieldLabel label={param.label} optional={param.optional} />;
  const error = fieldState.error?.message;
  const value = typeof field.value === "string" ? field.value : "";

  if (REGION_PARAMS.has(param.id)) {
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

  if (
    param.values &&
    param.values.length === 2 &&
    param.values.includes("true") &&
    param.values.includes("false")
  ) {
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

  if (param.id === "excluded_organization_unit_ids") {
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
      inputMode={param.id === "credentials_rotation_period_in_days" ? "numeric" : undefined}
      rightSection={
        param.id === "credentials_rotation_period_in_days" ? (
          <Text size="xs" c="dimmed" pr="xs">
            days
          </Text>
        ) : undefined
      }
      rightSectionWidth={param.id === "credentials_rotation_period_in_days" ? 48 : undefined}
    />
  );
}
