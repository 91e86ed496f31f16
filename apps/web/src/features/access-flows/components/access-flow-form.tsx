import { zodResolver } from "@hookform/resolvers/zod";
import {
  Alert,
  Button,
  Group,
  Paper,
  Radio,
  Skeleton,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import {
  defaultApproverPolicy,
  type TAccessFlowUpsert,
  type TAccessFlowV2,
  ZAccessFlowUpsert,
} from "@portcullis/shared";
import { type ReactNode, useState } from "react";
import { Controller, FormProvider, useFieldArray, useForm, useFormContext, useWatch } from "react-hook-form";
import { ErrorState } from "../../../components/states.tsx";
import { useIdentityProviders } from "../../directory/index.ts";
import { useCreateAccessFlow, useFlowIntegrations, useUpdateAccessFlow } from "../api/access-flows.ts";
import { AccessTargetFields } from "./access-target-fields.tsx";
import { ApproverPolicyFields } from "./approver-policy-fields.tsx";
import { ConditionFields, messageAt } from "./condition-fields.tsx";
import { applyFlowErrors, type FlowFormValues, flowToFormValues } from "./flow-form-values.ts";
import { GrantDurationField } from "./grant-duration-field.tsx";

function Section({
  id,
  title,
  help,
  children,
}: {
  id: string;
  title: string;
  help?: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Title order={3} size="h5" id={id}>
        {title}
      </Title>
      {help && (
        <Text size="sm" c="dimmed" mb="sm">
          {help}
        </Text>
      )}
      <Stack gap="sm" mt={help ? 0 : "sm"}>
        {children}
      </Stack>
    </Paper>
  );
}

function Requestors({ providers }: { providers: Parameters<typeof ConditionFields>[0]["providers"] }) {
  const { control } = useFormContextTyped();
  const conditions = useFieldArray({ control, name: "requestors.conditions" });
  const anyone = conditions.fields.length === 0;
  const addCondition = () =>
    conditions.append({ type: "user", source_integration_reference: null, match_operator: "is", values: [] });
  return (
    <Section id="flow-requestors" title="Requestors" help="Who may request access through this flow.">
      <Radio.Group
        aria-label="Who may request"
        value={anyone ? "anyone" : "some"}
        onChange={(value) => (value === "anyone" ? conditions.replace([]) : anyone && addCondition())}
      >
        <Stack gap={6}>
          <Radio value="anyone" label="Anyone signed in to Portcullis" />
          <Radio value="some" label="Only these users or groups" />
        </Stack>
      </Radio.Group>
      {conditions.fields.map((condition, index) => (
        <ConditionFields
          key={condition.id}
          path={`requestors.conditions.${index}`}
          types={["user", "group"]}
          providers={providers}
          legend={`Requestor ${index + 1}`}
          onRemove={() => conditions.remove(index)}
        />
      ))}
      {!anyone && (
        <Group>
          <Button variant="default" size="xs" onClick={addCondition}>
            Add requestors
          </Button>
        </Group>
      )}
    </Section>
  );
}

/** The form's context, typed, for this file's sections. */
function useFormContextTyped() {
  return useFormContext<FlowFormValues>();
}

function AccessTargets({
  integrations,
}: {
  integrations: Parameters<typeof AccessTargetFields>[0]["integrations"];
}) {
  const { control, formState } = useFormContextTyped();
  const targets = useFieldArray({ control, name: "access_targets" });
  const error =
    messageAt(formState.errors, "access_targets") ?? messageAt(formState.errors, "access_targets.root");
  return (
    <Section
      id="flow-targets"
      title="Access targets"
      help="What can be requested: an integration's resources of one type, with the permissions on offer."
    >
      {targets.fields.map((target, index) => (
        <AccessTargetFields
          key={target.id}
          index={index}
          integrations={integrations}
          onRemove={() => targets.remove(index)}
        />
      ))}
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
      <Group>
        <Button
          variant="default"
          size="xs"
          onClick={() =>
            targets.append({
              integration: {
                integration_reference: "",
                resource_type: "",
                permissions: [],
                resources_scopes: [],
              },
            })
          }
        >
          Add access target
        </Button>
      </Group>
    </Section>
  );
}

function Approval({ providers }: { providers: Parameters<typeof ApproverPolicyFields>[0]["providers"] }) {
  const { control, setValue } = useFormContextTyped();
  const policy = useWatch({ control, name: "approver_policy" });
  return (
    <Section
      id="flow-approval"
      title="Approval"
      help="Who approves a request before access is granted. By default the resource owners do."
    >
      <Switch
        label="Requests need approval"
        description="Off: access is granted as soon as it is requested."
        checked={policy !== null}
        onChange={(event) =>
          setValue("approver_policy", event.currentTarget.checked ? defaultApproverPolicy() : null, {
            shouldDirty: true,
          })
        }
      />
      {policy !== null && <ApproverPolicyFields providers={providers} />}
    </Section>
  );
}

const SETTINGS = [
  {
    name: "settings.justification_required",
    label: "Justification required",
    description: "Requesters say why they need the access.",
  },
  {
    name: "settings.require_approver_reason",
    label: "Approvers give a reason",
    description: "Approving or rejecting asks for a reason.",
  },
  {
    name: "settings.requestor_cannot_approve_himself",
    label: "Requesters cannot approve their own requests",
    description: "Even when they are one of the approvers.",
  },
] as const;

/** Create (no `flow`) or edit an access flow; a new one starts from the default flow. */
export function AccessFlowForm({
  flow,
  onSaved,
  onCancel,
}: {
  flow?: TAccessFlowV2;
  onSaved: (saved: TAccessFlowV2) => void;
  onCancel: () => void;
}) {
  const providers = useIdentityProviders();
  const integrations = useFlowIntegrations();
  const create = useCreateAccessFlow();
  const update = useUpdateAccessFlow();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FlowFormValues, unknown, TAccessFlowUpsert>({
    resolver: zodResolver(ZAccessFlowUpsert),
    defaultValues: flowToFormValues(flow),
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (body) => {
    setFormError(null);
    try {
      const saved = flow ? await update.mutateAsync({ id: flow.id, body }) : await create.mutateAsync(body);
      onSaved(saved);
    } catch (error) {
      setFormError(applyFlowErrors(error, form.setError));
    }
  });

  if (providers.isPending || integrations.isPending) {
    return (
      <Stack gap="sm" aria-busy="true" aria-label="Loading the access flow editor">
        <Skeleton h={120} radius="md" />
        <Skeleton h={200} radius="md" />
      </Stack>
    );
  }
  if (providers.isError || integrations.isError) {
    return (
      <ErrorState
        title="The editor could not be loaded"
        error={providers.error ?? integrations.error}
        onRetry={() => {
          void providers.refetch();
          void integrations.refetch();
        }}
      />
    );
  }

  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate aria-label={flow ? `Edit ${flow.name}` : "New access flow"}>
        <Stack gap="md">
          {formError && (
            <Alert color="red" role="alert" title="The access flow was not saved">
              {formError}
            </Alert>
          )}
          <Section id="flow-general" title="General">
            <TextInput
              label="Name"
              withAsterisk
              autoComplete="off"
              {...form.register("name")}
              error={errors.name?.message}
            />
            <Textarea
              label="Description"
              autosize
              minRows={2}
              {...form.register("description", { setValueAs: (value: string) => value || null })}
              error={errors.description?.message}
            />
            <Controller
              control={form.control}
              name="active"
              render={({ field }) => (
                <Switch
                  label="Active"
                  description="Only active flows let people request access."
                  checked={field.value}
                  onChange={(event) => field.onChange(event.currentTarget.checked)}
                  ref={field.ref}
                />
              )}
            />
          </Section>
          <Requestors providers={providers.data} />
          <AccessTargets integrations={integrations.data} />
          <Approval providers={providers.data} />
          <Section id="flow-duration" title="Grant duration">
            <GrantDurationField />
          </Section>
          <Section id="flow-settings" title="Settings">
            {SETTINGS.map((setting) => (
              <Controller
                key={setting.name}
                control={form.control}
                name={setting.name}
                render={({ field }) => (
                  <Switch
                    label={setting.label}
                    description={setting.description}
                    checked={Boolean(field.value)}
                    onChange={(event) => field.onChange(event.currentTarget.checked)}
                    ref={field.ref}
                  />
                )}
              />
            ))}
          </Section>
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {flow ? "Save access flow" : "Create access flow"}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormProvider>
  );
}
