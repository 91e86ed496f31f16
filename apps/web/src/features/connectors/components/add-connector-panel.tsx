import { zodResolver } from "@hookform/resolvers/zod";
import { Alert, Button, Group, Stack, Stepper, Text, TextInput } from "@mantine/core";
import {
  apiIssuesToFieldErrors,
  type TConnectorV3,
  type TCreateConnector,
  type TCreateConnectorInput,
  type TUpdateConnector,
  type TUpdateConnectorInput,
  ZCreateConnector,
  ZUpdateConnector,
} from "@portcullis/shared";
import { useState } from "react";
import { Controller, type FieldValues, type Path, type UseFormSetError, useForm } from "react-hook-form";
import { errorMessage } from "../../../components/states.tsx";
import { isApiError } from "../../../lib/api-client.ts";
import { useCheckConnector, useCreateConnector, useUpdateConnector } from "../api/connectors.ts";
import { ConnectorCheckAlert } from "./connector-check-alert.tsx";
import { RegionSelect } from "./region-select.tsx";
import { RoleInstructions } from "./role-instructions.tsx";

/** Puts the API's field issues on the form; returns the message of anything left over. */
function applyServerError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: string[],
) {
  if (isApiError(error)) {
    const byField = apiIssuesToFieldErrors(error.issues);
    let placed = false;
    for (const [path, message] of Object.entries(byField)) {
      if (fields.includes(path)) {
        setError(path as Path<T>, { type: "server", message }, { shouldFocus: !placed });
        placed = true;
      }
    }
    if (placed) return null;
  }
  return errorMessage(error);
}

/**
 * Registers a connector without leaving the page: name and region → the external id is
 * generated → create the IAM role from the templates → paste its ARN, which runs the live
 * check. `onConnected` receives the connector once a check passes.
 */
export function AddConnectorPanel({
  onConnected,
  onCancel,
}: {
  onConnected: (connector: TConnectorV3) => void;
  onCancel: () => void;
}) {
  const [connector, setConnector] = useState<TConnectorV3 | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreateConnector();
  const update = useUpdateConnector();
  const check = useCheckConnector();

  const details = useForm<TCreateConnectorInput, unknown, TCreateConnector>({
    resolver: zodResolver(ZCreateConnector),
    defaultValues: { name: "", region: "" as TCreateConnectorInput["region"] },
  });
  const role = useForm<TUpdateConnectorInput, unknown, TUpdateConnector>({
    resolver: zodResolver(ZUpdateConnector),
    defaultValues: { name: "", role_arn: "" },
  });

  const onRegister = details.handleSubmit(async (body) => {
    setFormError(null);
    try {
      const created = await create.mutateAsync(body);
      setConnector(created);
      role.reset({ name: created.name, role_arn: created.role_arn ?? "" });
    } catch (error) {
      setFormError(applyServerError(error, details.setError, ["name", "region", "role_arn"]));
    }
  });

  const onConnectRole = role.handleSubmit(async (body) => {
    if (!connector) return;
    setFormError(null);
    try {
      const updated = await update.mutateAsync({ id: connector.id, body });
      setConnector(updated);
      if (updated.status === "CONNECTED") onConnected(updated);
    } catch (error) {
      setFormError(applyServerError(error, role.setError, ["role_arn"]));
    }
  });

  const onCheckAgain = async () => {
    if (!connector) return;
    setFormError(null);
    try {
      const checked = await check.mutateAsync(connector.id);
      setConnector(checked);
      if (checked.status === "CONNECTED") onConnected(checked);
    } catch (error) {
      setFormError(errorMessage(error));
    }
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        A connector is how Portcullis reaches AWS: the credentials of the Portcullis server, narrowed to an
        IAM role in the account to connect. Portcullis only reads from it.
      </Text>
      <Stepper active={connector ? 1 : 0} orientation="vertical" size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label="Name the connector" description="The external ID is generated for it">
          <form onSubmit={onRegister} noValidate>
            <Stack gap="sm" mt="xs">
              <TextInput
                label="Connector name"
                description="Letters, digits, spaces, '-', '_' and '.'; its id is derived from it."
                withAsterisk
                {...details.register("name")}
                error={details.formState.errors.name?.message}
              />
              <Controller
                control={details.control}
                name="region"
                render={({ field, fieldState }) => (
                  <RegionSelect
                    label="Region"
                    description="The region the connector calls AWS from."
                    withAsterisk
                    ref={field.ref}
                    value={field.value || null}
                    onChange={(value) => field.onChange(value ?? "")}
                    onBlur={field.onBlur}
                    error={fieldState.error?.message}
                  />
                )}
              />
              <Group>
                <Button type="submit" loading={create.isPending}>
                  Register connector
                </Button>
                <Button variant="default" onClick={onCancel}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          </form>
        </Stepper.Step>
        <Stepper.Step label="Create the IAM role and connect it" description="Then Portcullis checks it live">
          {connector && (
            <Stack gap="sm" mt="xs">
              <Alert color="blue" title={`Connector ${connector.name} is registered`} role="status">
                <Text size="sm">
                  Id{" "}
                  <Text span ff="monospace">
                    {connector.id}
                  </Text>
                  . Create its role in the AWS account to connect, then paste the role ARN below.
                </Text>
              </Alert>
              <RoleInstructions
                connectorName={connector.name}
                externalId={connector.external_id}
                portcullisAccountId={connector.role_arn ? null : connector.aws_account_id}
              />
              <form onSubmit={onConnectRole} noValidate>
                <Stack gap="sm">
                  <TextInput
                    label="Role ARN"
                    description="The RoleArn output of the stack, e.g. arn:aws:iam::123456789012:role/PortcullisConnector"
                    placeholder="arn:aws:iam::123456789012:role/PortcullisConnector"
                    {...role.register("role_arn")}
                    error={role.formState.errors.role_arn?.message}
                  />
                  <Group>
                    <Button type="submit" loading={update.isPending}>
                      Connect and check
                    </Button>
                    <Button variant="default" onClick={onCheckAgain} loading={check.isPending}>
                      Check again
                    </Button>
                    {connector.status === "CONNECTED" && (
                      <Button variant="light" onClick={() => onConnected(connector)}>
                        Use this connector
                      </Button>
                    )}
                  </Group>
                </Stack>
              </form>
              <ConnectorCheckAlert connector={connector} announce />
            </Stack>
          )}
        </Stepper.Step>
      </Stepper>
      {formError && (
        <Alert color="red" title="That did not work" role="alert">
          {formError}
        </Alert>
      )}
    </Stack>
  );
}
