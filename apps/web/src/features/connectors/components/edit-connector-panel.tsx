import { zodResolver } from "@hookform/resolvers/zod";
import { Alert, Button, Group, Stack, TextInput } from "@mantine/core";
import {
  apiIssuesToFieldErrors,
  type TConnectorV3,
  type TUpdateConnector,
  type TUpdateConnectorInput,
  ZUpdateConnector,
} from "@portcullis/shared";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { errorMessage } from "../../../components/states.tsx";
import { isApiError } from "../../../lib/api-client.ts";
import { useUpdateConnector } from "../api/connectors.ts";
import { ConnectorCheckAlert } from "./connector-check-alert.tsx";
import { RegionSelect } from "./region-select.tsx";
import { RoleInstructions } from "./role-instructions.tsx";

/**
 * Edit / Finish setup of a registered connector: add or change its role ARN and region (the
 * change is checked at once), with the role templates again.
 */
export function EditConnectorPanel({ connector, onDone }: { connector: TConnectorV3; onDone: () => void }) {
  const [current, setCurrent] = useState(connector);
  const [formError, setFormError] = useState<string | null>(null);
  const update = useUpdateConnector();
  const form = useForm<TUpdateConnectorInput, unknown, TUpdateConnector>({
    resolver: zodResolver(ZUpdateConnector),
    defaultValues: {
      name: connector.name,
      role_arn: connector.role_arn ?? "",
      region: connector.region as TUpdateConnectorInput["region"],
    },
  });
  const onSave = form.handleSubmit(async (body) => {
    setFormError(null);
    try {
      const updated = await update.mutateAsync({ id: connector.id, body });
      setCurrent(updated);
      if (updated.status === "CONNECTED") onDone();
    } catch (error) {
      if (isApiError(error)) {
        for (const [path, message] of Object.entries(apiIssuesToFieldErrors(error.issues))) {
          if (path === "role_arn" || path === "region" || path === "name")
            form.setError(path, { type: "server", message });
        }
      }
      setFormError(errorMessage(error));
    }
  });
  return (
    <Stack>
      <ConnectorCheckAlert connector={current} announce />
      <form onSubmit={onSave} noValidate>
        <Stack gap="sm">
          <TextInput
            label="Role ARN"
            description="The role Portcullis assumes with this connector's external ID. Empty: the server's own credentials."
            placeholder="arn:aws:iam::123456789012:role/PortcullisConnector"
            {...form.register("role_arn")}
            error={form.formState.errors.role_arn?.message}
          />
          <Controller
            control={form.control}
            name="region"
            render={({ field, fieldState }) => (
              <RegionSelect
                label="Region"
                ref={field.ref}
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? "")}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
              />
            )}
          />
          <Group>
            <Button type="submit" loading={update.isPending}>
              Save and check
            </Button>
            <Button variant="default" onClick={onDone}>
              Close
            </Button>
          </Group>
        </Stack>
      </form>
      {formError && (
        <Alert color="red" title="That did not work">
          {formError}
        </Alert>
      )}
      <RoleInstructions
        connectorName={current.name}
        externalId={current.external_id}
        portcullisAccountId={current.role_arn ? null : current.aws_account_id}
      />
    </Stack>
  );
}
