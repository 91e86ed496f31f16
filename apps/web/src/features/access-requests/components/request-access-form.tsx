import { zodResolver } from "@hookform/resolvers/zod";
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  Select,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { JUSTIFICATION_MAX, resourceTypeLabel, type TAccessRequestV4 } from "@portcullis/shared";
import { type ReactNode, useRef, useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { ErrorState, errorMessage } from "../../../components/states.tsx";
import {
  RESOURCES_PAGE,
  useCreateAccessRequest,
  useSelectableIntegrations,
  useSelectablePermissions,
  useSelectableResources,
  useSelectableResourceTypes,
} from "../api/access-requests.ts";
import {
  applyRequestErrors,
  EMPTY_REQUEST,
  type RequestAccessInput,
  type RequestAccessValues,
  toCreateBody,
  ZRequestAccessForm,
} from "./request-form-schema.ts";

/** Durations on offer; "the flow's" leaves it to the access flow (its grant duration). */
const DURATIONS = [
  { value: "", label: "As long as the access flow allows" },
  { value: String(15 * 60), label: "15 minutes" },
  { value: String(30 * 60), label: "30 minutes" },
  { value: String(3600), label: "1 hour" },
  { value: String(2 * 3600), label: "2 hours" },
  { value: String(4 * 3600), label: "4 hours" },
  { value: String(8 * 3600), label: "8 hours" },
  { value: String(24 * 3600), label: "1 day" },
  { value: String(7 * 24 * 3600), label: "7 days" },
];

function Step({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`request-step-${n}`}>
      <Title order={3} size="h5" id={`request-step-${n}`} mb="xs">
        {n}. {title}
      </Title>
      {children}
    </Paper>
  );
}

/** Step 3: the resources of the type, searched on the server, picked with checkboxes. */
function ResourcePicker({
  integrationId,
  resourceType,
  value,
  onChange,
  error,
}: {
  integrationId: string;
  resourceType: string;
  value: string[];
  onChange: (ids: string[]) => void;
  error: string | undefined;
}) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const resources = useSelectableResources(integrationId, resourceType, debounced);
  // Names of picked resources stay known when a later search no longer lists them.
  const names = useRef(new Map<string, string>());
  for (const resource of resources.data?.data ?? []) names.current.set(resource.id, resource.name);
  return (
    <Stack gap="xs">
      <TextInput
        label="Search resources"
        placeholder="Name contains…"
        type="search"
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
      />
      {value.length > 0 && (
        <Group gap={4} aria-label="Selected resources">
          {value.map((id) => (
            <Badge key={id} variant="light" tt="none" style={{ maxWidth: "100%" }}>
              {names.current.get(id) ?? id}
            </Badge>
          ))}
        </Group>
      )}
      {resources.isPending ? (
        <Skeleton h={80} aria-label="Loading resources" />
      ) : resources.isError ? (
        <ErrorState
          title="The resources could not be loaded"
          error={resources.error}
          onRetry={() => resources.refetch()}
        />
      ) : resources.data.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {debounced.trim() ? "No resource matches." : "No resource of this type can be requested."}
        </Text>
      ) : (
        <Checkbox.Group
          label="Resources"
          withAsterisk
          value={value}
          onChange={onChange}
          error={error}
          aria-busy={resources.isFetching}
        >
          <Stack gap={6} mt={4} mah={320} style={{ overflowY: "auto" }}>
            {resources.data.data.map((resource) => (
              <Checkbox
                key={resource.id}
                value={resource.id}
                label={
                  <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                    {resource.name}
                  </Text>
                }
                description={[resource.account_id, resource.region].filter(Boolean).join(" · ") || undefined}
                data-testid="request-resource"
              />
            ))}
          </Stack>
          {resources.data.pagination.total > resources.data.data.length && (
            <Text size="xs" c="dimmed" mt={4}>
              Showing {Math.min(RESOURCES_PAGE, resources.data.data.length)} of{" "}
              {resources.data.pagination.total.toLocaleString()}: search to narrow them down.
            </Text>
          )}
        </Checkbox.Group>
      )}
      {error && resources.data?.data.length === 0 && (
        <Text size="sm" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}

/**
 * Request access: integration → resource type → resources → permission → duration →
 * justification, each choice from what the caller's active access flows allow.
 */
export function RequestAccessForm({ onRequested }: { onRequested: (created: TAccessRequestV4[]) => void }) {
  const integrations = useSelectableIntegrations();
  const create = useCreateAccessRequest();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<RequestAccessInput, unknown, RequestAccessValues>({
    resolver: zodResolver(ZRequestAccessForm),
    defaultValues: EMPTY_REQUEST,
  });
  const { errors, isSubmitting } = form.formState;
  const integrationId = useWatch({ control: form.control, name: "integration_id" }) || null;
  const resourceType = useWatch({ control: form.control, name: "resource_type" }) || null;
  const types = useSelectableResourceTypes(integrationId);
  const permissions = useSelectablePermissions(integrationId, resourceType);

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      onRequested(await create.mutateAsync(toCreateBody(values)));
    } catch (error) {
      setFormError(applyRequestErrors(error, form.setError));
    }
  });

  if (integrations.isPending)
    return <Skeleton h={200} radius="md" aria-label="Loading what you can request" />;
  if (integrations.isError) {
    return (
      <ErrorState
        title="What you can request could not be loaded"
        error={integrations.error}
        onRetry={() => integrations.refetch()}
      />
    );
  }
  if (integrations.data.length === 0) {
    return (
      <Alert color="gray" title="Nothing to request yet" role="note">
        No access flow lets you request access yet. Ask your admins to add you to one.
      </Alert>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Request access">
      <Stack gap="md">
        {formError && (
          <Alert color="red" role="alert" title="The request was not made">
            {formError}
          </Alert>
        )}
        <Step n={1} title="Integration">
          <Controller
            control={form.control}
            name="integration_id"
            render={({ field }) => (
              <Select
                ref={field.ref}
                label="Integration"
                withAsterisk
                searchable
                placeholder="Select an integration"
                data={integrations.data.map((item) => ({ value: item.id, label: item.name }))}
                value={field.value || null}
                onChange={(value) => {
                  field.onChange(value ?? "");
                  form.setValue("resource_type", "");
                  form.setValue("resource_ids", []);
                  form.setValue("permission_ids", []);
                }}
                onBlur={field.onBlur}
                error={errors.integration_id?.message}
                comboboxProps={{ withinPortal: true }}
              />
            )}
          />
        </Step>
        <Step n={2} title="Resource type">
          <Controller
            control={form.control}
            name="resource_type"
            render={({ field }) => (
              <Select
                ref={field.ref}
                label="Resource type"
                withAsterisk
                disabled={!integrationId}
                placeholder={integrationId ? "Select a resource type" : "Select an integration first"}
                data={(types.data ?? []).map((type) => ({
                  value: type.id,
                  label: type.name || resourceTypeLabel(type.id),
                }))}
                value={field.value || null}
                onChange={(value) => {
                  field.onChange(value ?? "");
                  form.setValue("resource_ids", []);
                  form.setValue("permission_ids", []);
                }}
                onBlur={field.onBlur}
                error={
                  errors.resource_type?.message ?? (types.isError ? errorMessage(types.error) : undefined)
                }
                nothingFoundMessage={types.isFetching ? "Loading…" : "Nothing to request here"}
                comboboxProps={{ withinPortal: true }}
              />
            )}
          />
        </Step>
        <Step n={3} title="Resources">
          {integrationId && resourceType ? (
            <Controller
              control={form.control}
              name="resource_ids"
              render={({ field }) => (
                <ResourcePicker
                  integrationId={integrationId}
                  resourceType={resourceType}
                  value={field.value}
                  onChange={field.onChange}
                  error={errors.resource_ids?.message}
                />
              )}
            />
          ) : (
            <Text size="sm" c={errors.resource_ids ? "red" : "dimmed"}>
              {errors.resource_ids?.message ?? "Select an integration and a resource type first."}
            </Text>
          )}
        </Step>
        <Step n={4} title="Permission">
          <Controller
            control={form.control}
            name="permission_ids"
            render={({ field }) => {
              const data = (permissions.data?.data ?? []).map((id) => ({ value: id, label: id }));
              const common = {
                label: "Permission",
                withAsterisk: true,
                // Closed until the permissions are in: whether it is a Select or a MultiSelect
                // depends on them, and the swap would close a dropdown opened meanwhile.
                disabled: !resourceType || permissions.isPending,
                placeholder: !resourceType
                  ? "Select a resource type first"
                  : permissions.isPending
                    ? "Loading permissions…"
                    : "Select a permission",
                data,
                onBlur: field.onBlur,
                error:
                  errors.permission_ids?.message ??
                  (permissions.isError ? errorMessage(permissions.error) : undefined),
                nothingFoundMessage: permissions.isFetching ? "Loading…" : "No permission on offer",
                comboboxProps: { withinPortal: true },
              };
              return permissions.data?.allow_multiple ? (
                <MultiSelect ref={field.ref} {...common} value={field.value} onChange={field.onChange} />
              ) : (
                <Select
                  ref={field.ref}
                  {...common}
                  value={field.value[0] ?? null}
                  onChange={(value) => field.onChange(value ? [value] : [])}
                />
              );
            }}
          />
        </Step>
        <Step n={5} title="Duration">
          <Controller
            control={form.control}
            name="duration_in_sec"
            render={({ field }) => (
              <Select
                ref={field.ref}
                label="For how long"
                description="Access ends on its own after this; you can revoke it earlier."
                data={DURATIONS}
                value={field.value == null ? "" : String(field.value)}
                allowDeselect={false}
                onChange={(value) => field.onChange(value ? Number(value) : null)}
                onBlur={field.onBlur}
                error={errors.duration_in_sec?.message}
                comboboxProps={{ withinPortal: true }}
              />
            )}
          />
        </Step>
        <Step n={6} title="Justification">
          <Textarea
            label="Why do you need this access?"
            description="Your approvers read it. Most access flows require one."
            autosize
            minRows={3}
            maxLength={JUSTIFICATION_MAX}
            {...form.register("justification")}
            error={errors.justification?.message}
          />
        </Step>
        <Group justify="flex-end">
          <Button type="submit" loading={isSubmitting}>
            Request access
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
