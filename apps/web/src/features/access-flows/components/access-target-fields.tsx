import { Button, Group, MultiSelect, Paper, Select, Stack, TagsInput, Text, TextInput } from "@mantine/core";
import {
  FIXED_PERMISSIONS,
  getResourceTypeIds,
  REQUESTABLE_RESOURCE_TYPES,
  resourceTypeLabel,
  type TIntegrationV4,
} from "@portcullis/shared";
import { Controller, useController, useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { useIntegrationPermissions } from "../api/access-flows.ts";
import { messageAt } from "./condition-fields.tsx";
import type { FlowFormValues } from "./flow-form-values.ts";

type TargetPath = `access_targets.${number}.integration`;

/** The resource types of an integration that can be requested (its connected ones first). */
function requestableTypes(integration: TIntegrationV4 | undefined): string[] {
  if (!integration) return [];
  const connected = integration.connected_resource_types.filter((type) =>
    REQUESTABLE_RESOURCE_TYPES.includes(type),
  );
  if (connected.length > 0) return connected;
  return getResourceTypeIds(integration.type).filter((type) => REQUESTABLE_RESOURCE_TYPES.includes(type));
}

function PermissionsSelect({ path, integrationId }: { path: TargetPath; integrationId: string | null }) {
  const { control, formState } = useFormContext<FlowFormValues>();
  const resourceType = useWatch({ control, name: `${path}.resource_type` }) || null;
  const { field } = useController({ control, name: `${path}.permissions` });
  const permissions = useIntegrationPermissions(integrationId, resourceType);
  const fixed = resourceType ? (FIXED_PERMISSIONS as Record<string, readonly string[]>)[resourceType] : null;
  const options = permissions.data
    ? permissions.data.map((permission) => ({ value: permission.id, label: permission.name }))
    : (fixed ?? []).map((id) => ({ value: id, label: id }));
  const values = field.value ?? [];
  for (const value of values) {
    if (!options.some((option) => option.value === value)) options.push({ value, label: value });
  }
  return (
    <MultiSelect
      ref={field.ref}
      label="Permissions"
      description={
        resourceType === "aws-organization-account"
          ? "The Identity Center permission sets the integration's last fetch found."
          : undefined
      }
      withAsterisk
      placeholder={
        values.length ? undefined : resourceType ? "Select permissions" : "Select a resource type first"
      }
      disabled={!resourceType}
      data={options}
      value={values}
      onChange={field.onChange}
      onBlur={field.onBlur}
      searchable
      nothingFoundMessage={permissions.isFetching ? "Loading…" : "No permissions"}
      error={messageAt(formState.errors, `${path}.permissions`)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

function ResourceScopes({ path }: { path: TargetPath }) {
  const { control, formState, register } = useFormContext<FlowFormValues>();
  const scopes = useFieldArray({ control, name: `${path}.resources_scopes` });
  const watched = useWatch({ control, name: `${path}.resources_scopes` }) ?? [];
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        Resource scopes
      </Text>
      <Text size="xs" c="dimmed" mt={-6}>
        None: every resource of the type. Include or exclude resources by id, name or tag.
      </Text>
      {scopes.fields.map((scope, index) => {
        const at = `${path}.resources_scopes.${index}` as const;
        const type = watched[index]?.type;
        return (
          <Paper key={scope.id} withBorder p="xs" radius="sm">
            <Group gap="xs" align="flex-start" wrap="wrap">
              <Controller
                control={control}
                name={`${at}.scope_mode`}
                render={({ field }) => (
                  <Select
                    label="Mode"
                    data={[
                      { value: "include_resources", label: "Include" },
                      { value: "exclude_resources", label: "Exclude" },
                    ]}
                    value={field.value}
                    onChange={(value) => value && field.onChange(value)}
                    allowDeselect={false}
                    error={messageAt(formState.errors, `${at}.scope_mode`)}
                    w={120}
                    comboboxProps={{ withinPortal: true }}
                  />
                )}
              />
              <Controller
                control={control}
                name={`${at}.type`}
                render={({ field }) => (
                  <Select
                    label="By"
                    data={[
                      { value: "APONO_ID", label: "Id" },
                      { value: "NAME", label: "Name" },
                      { value: "TAG", label: "Tag" },
                    ]}
                    value={field.value}
                    onChange={(value) => value && field.onChange(value)}
                    allowDeselect={false}
                    error={messageAt(formState.errors, `${at}.type`)}
                    w={100}
                    comboboxProps={{ withinPortal: true }}
                  />
                )}
              />
              {type === "TAG" && (
                <TextInput
                  label="Tag key"
                  withAsterisk
                  {...register(`${at}.key`, { setValueAs: (value: string) => value || null })}
                  error={messageAt(formState.errors, `${at}.key`)}
                  w={140}
                />
              )}
              <Controller
                control={control}
                name={`${at}.values`}
                render={({ field }) => (
                  <TagsInput
                    ref={field.ref}
                    label={type === "TAG" ? "Tag values" : type === "NAME" ? "Names" : "Resource ids"}
                    description="Press Enter after each"
                    withAsterisk
                    value={field.value ?? []}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    error={messageAt(formState.errors, `${at}.values`)}
                    style={{ flex: 1, minWidth: 180 }}
                  />
                )}
              />
            </Group>
            <Group justify="flex-end">
              <Button variant="subtle" color="red" size="xs" onClick={() => scopes.remove(index)}>
                Remove scope
              </Button>
            </Group>
          </Paper>
        );
      })}
      <Group>
        <Button
          variant="default"
          size="xs"
          onClick={() =>
            scopes.append({ scope_mode: "include_resources", type: "NAME", key: null, values: [] })
          }
        >
          Add resource scope
        </Button>
      </Group>
    </Stack>
  );
}

/** One access target: integration, resource type, permissions and resource scopes. */
export function AccessTargetFields({
  index,
  integrations,
  onRemove,
}: {
  index: number;
  integrations: readonly TIntegrationV4[];
  onRemove: () => void;
}) {
  const path = `access_targets.${index}.integration` as const;
  const { control, formState, setValue } = useFormContext<FlowFormValues>();
  const integrationId = useWatch({ control, name: `${path}.integration_reference` }) || null;
  const integration = integrations.find(
    (item) => item.id === integrationId || item.name.toLowerCase() === integrationId?.toLowerCase(),
  );
  const types = requestableTypes(integration);
  return (
    <Paper withBorder p="sm" radius="md" component="fieldset" style={{ minWidth: 0 }}>
      <Text component="legend" size="sm" fw={600} px={4}>
        Access target {index + 1}
      </Text>
      <Stack gap="sm">
        <Group gap="sm" grow wrap="wrap" align="flex-start">
          <Controller
            control={control}
            name={`${path}.integration_reference`}
            render={({ field }) => (
              <Select
                ref={field.ref}
                label="Integration"
                withAsterisk
                placeholder="Select an integration"
                searchable
                data={integrations.map((item) => ({ value: item.id, label: item.name }))}
                value={integration?.id ?? (field.value || null)}
                onChange={(value) => {
                  field.onChange(value ?? "");
                  setValue(`${path}.resource_type`, "");
                  setValue(`${path}.permissions`, []);
                }}
                onBlur={field.onBlur}
                error={
                  messageAt(formState.errors, `${path}.integration_reference`) ??
                  messageAt(formState.errors, path)
                }
                miw={180}
                comboboxProps={{ withinPortal: true }}
              />
            )}
          />
          <Controller
            control={control}
            name={`${path}.resource_type`}
            render={({ field }) => (
              <Select
                ref={field.ref}
                label="Resource type"
                withAsterisk
                placeholder={integration ? "Select a resource type" : "Select an integration first"}
                disabled={!integration}
                data={[...new Set([...types, ...(field.value ? [field.value] : [])])].map((type) => ({
                  value: type,
                  label: resourceTypeLabel(type),
                }))}
                value={field.value || null}
                onChange={(value) => {
                  field.onChange(value ?? "");
                  setValue(`${path}.permissions`, []);
                }}
                onBlur={field.onBlur}
                error={messageAt(formState.errors, `${path}.resource_type`)}
                miw={180}
                comboboxProps={{ withinPortal: true }}
              />
            )}
          />
        </Group>
        <PermissionsSelect path={path} integrationId={integration?.id ?? null} />
        <ResourceScopes path={path} />
        <Group justify="flex-end">
          <Button variant="subtle" color="red" size="xs" onClick={onRemove}>
            Remove access target {index + 1}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
