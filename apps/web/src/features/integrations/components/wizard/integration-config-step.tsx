import { Stack, TextInput } from "@mantine/core";
import {
  INTEGRATION_CATALOG,
  INTEGRATION_NAME_TAKEN_MESSAGE,
  type TIntegrationType,
} from "@portcullis/shared";
import { useController, useFormContext, useWatch } from "react-hook-form";
import { OrganizationRoleTemplates, useConnectors } from "../../../connectors/index.ts";
import { nameIsTaken } from "../../api/integration-check.ts";
import { ConfigField } from "./config-field.tsx";
import { FieldLabel, fieldHelp } from "./field-help.tsx";
import { SetupChecks } from "./setup-checks.tsx";
import type { WizardValues } from "./wizard-values.ts";

export function IntegrationConfigStep({
  type,
  integrationId,
  onFixField,
}: {
  type: TIntegrationType;
  /** When editing: its own name is not a duplicate. */
  integrationId?: string;
  onFixField: (path: string) => void;
}) {
  const { control, setError, getValues } = useFormContext<WizardValues>();
  const { field, fieldState } = useController({ control, name: "name" });
  const help = fieldHelp("name");
  const params = INTEGRATION_CATALOG[type].params.filter((param) => param.step === "integration-config");
  const [connectorId, config, resourceTypes] = useWatch({
    control,
    name: ["connector_id", "integration_config", "connected_resource_types"],
  });
  const connector = useConnectors().data?.find((item) => item.id === connectorId);

  // Names are unique ignoring case: say so as the field is left, not only after Confirm.
  const onNameBlur = async () => {
    field.onBlur();
    const name = getValues("name");
    try {
      if (await nameIsTaken(name, integrationId)) {
        if (getValues("name") === name)
          setError("name", { type: "server", message: INTEGRATION_NAME_TAKEN_MESSAGE });
      }
    } catch {
      // The create itself still checks the name; a failed look-up only loses the early warning.
    }
  };

  return (
    <Stack gap="md">
      <TextInput
        ref={field.ref}
        label={<FieldLabel label={help.label} optional={false} />}
        description={help.help}
        withAsterisk
        value={field.value}
        onChange={(event) => field.onChange(event.currentTarget.value)}
        onBlur={() => void onNameBlur()}
        error={fieldState.error?.message}
        autoComplete="off"
        maxLength={200}
      />
      {params.map((param) => (
        <ConfigField key={param.id} param={param} />
      ))}
      {type === "aws-organization" && (
        <OrganizationRoleTemplates
          connectorRoleArn={connector?.role_arn ?? null}
          externalId={connector?.external_id ?? null}
          managementRoleArn={config?.management_account_role_arn ?? ""}
          memberRoleName={config?.member_account_role_name ?? ""}
          resourceTypes={resourceTypes ?? []}
        />
      )}
      <SetupChecks type={type} onFixField={onFixField} />
    </Stack>
  );
}
