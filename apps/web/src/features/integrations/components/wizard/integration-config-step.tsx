import { Stack, TextInput } from "@mantine/core";
import { INTEGRATION_CATALOG, type TIntegrationType } from "@portcullis/shared";
import { useController, useFormContext } from "react-hook-form";
import { ConfigField } from "./config-field.tsx";
import { FieldLabel, fieldHelp } from "./field-help.tsx";
import type { WizardValues } from "./wizard-values.ts";

export function IntegrationConfigStep({ type }: { type: TIntegrationType }) {
  const { control } = useFormContext<WizardValues>();
  const { field, fieldState } = useController({ control, name: "name" });
  const help = fieldHelp("name");
  const params = INTEGRATION_CATALOG[type].params.filter((param) => param.step === "integration-config");
  return (
    <Stack gap="md">
      <TextInput
        ref={field.ref}
        label={<FieldLabel label={help.label} optional={false} />}
        description={help.help}
        withAsterisk
        value={field.value}
        onChange={(event) => field.onChange(event.currentTarget.value)}
        onBlur={field.onBlur}
        error={fieldState.error?.message}
        autoComplete="off"
        maxLength={200}
      />
      {params.map((param) => (
        <ConfigField key={param.id} param={param} />
      ))}
    </Stack>
  );
}
