import { zodResolver } from "@hookform/resolvers/zod";
import { Accordion, Button, Group, Modal, Stack, Text, ThemeIcon } from "@mantine/core";
import {
  INTEGRATION_CATALOG,
  type TIntegrationType,
  type TIntegrationV4,
  type TWizardStepId,
  WIZARD_STEPS,
  ZCreateIntegrationFor,
  ZUpdateIntegrationFor,
} from "@portcullis/shared";
import { type FormEvent, useCallback, useEffect, useMemo, useState } from "react";
import { FormProvider, type Path, type Resolver, useForm, useWatch } from "react-hook-form";
import { useConnectorLabel } from "../../../connectors/index.ts";
import { ConfirmStep, type ConfirmValues } from "./confirm-step.tsx";
import { ConnectorStep } from "./connector-step.tsx";
import { GetMoreStep } from "./get-more-step.tsx";
import { useLeaveGuard } from "./hooks/use-leave-guard.ts";
import { useRecheckOnChange } from "./hooks/use-recheck-on-change.ts";
import { type FocusTarget, useStepFocus } from "./hooks/use-step-focus.ts";
import { useStickyServerErrors } from "./hooks/use-sticky-server-errors.ts";
import { draftKey, useWizardDraft, type WizardDraft } from "./hooks/use-wizard-draft.ts";
import { IntegrationConfigStep } from "./integration-config-step.tsx";
import { ResourceTypesStep } from "./resource-types-step.tsx";
import { placeServerError } from "./server-errors.ts";
import { SetupChecks } from "./setup-checks.tsx";
import { stepSummary } from "./step-summary.ts";
import classes from "./wizard.module.css";
import {
  emptyWizardValues,
  firstStepWithError,
  valuesFromIntegration,
  type WizardValues,
  withNestedFields,
} from "./wizard-values.ts";

/** The index of the step holding `field` (or a field under it), -1 when none does. */
function stepOfField(steps: (typeof WIZARD_STEPS)[TIntegrationType], field: string | undefined): number {
  if (!field) return -1;
  return steps.findIndex((step) =>
    step.fields.some(
      (path) => field === path || field.startsWith(`${path}.`) || path.startsWith(`${field}.`),
    ),
  );
}

/** Focuses `field` once its step rendered (a few frames: the panel mounts after the accordion). */
function useFocusField(form: { setFocus: (name: never) => void }, field: string | undefined) {
  useEffect(() => {
    if (!field) return;
    let frame = 0;
    let handle = 0;
    const attempt = () => {
      try {
        form.setFocus(field as never);
      } catch {
        // Not registered yet.
      }
      const focused = document.activeElement;
      const done = focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement;
      if (!done && frame++ < 30) handle = requestAnimationFrame(attempt);
    };
    handle = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(handle);
  }, [form, field]);
}

/** The parsed body the wizard submits: the create body, or the update body (no `type`). */
export type WizardOutput = ConfirmValues & Record<string, unknown>;

export type WizardProps = {
  type: TIntegrationType;
  /** Present when editing: the form starts from it and every step is open to visit. */
  integration?: TIntegrationV4;
  submitLabel: string;
  /** A field path to open and focus first (the integration page's Fix). */
  focusField?: string;
  /** Saves the body; throws the API error, which the wizard puts back on its fields. */
  onSubmit: (body: WizardOutput) => Promise<void>;
};

export function IntegrationWizard({ type, integration, submitLabel, focusField, onSubmit }: WizardProps) {
  const steps = WIZARD_STEPS[type];
  const editing = integration !== undefined;
  // One form over the whole wizard, validated by the shared schema of the body it sends.
  const schema = editing ? ZUpdateIntegrationFor[type] : ZCreateIntegrationFor[type];
  const schemaResolver = useMemo(
    () => zodResolver(schema as never) as unknown as Resolver<WizardValues, unknown, WizardOutput>,
    [schema],
  );
  const serverErrors = useStickyServerErrors(schemaResolver);
  const form = useForm<WizardValues, unknown, WizardOutput>({
    resolver: serverErrors.resolver,
    defaultValues: integration ? valuesFromIntegration(integration) : emptyWizardValues(type),
    // Errors appear when a step is checked (Next, Confirm), never on blur: an error appearing
    // as focus leaves a field would move the Next button away from under the pointer.
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  useRecheckOnChange(form);
  useFocusField(form, focusField);
  const [active, setActive] = useState(() => Math.max(0, stepOfField(steps, focusField)));
  const [reached, setReached] = useState(editing ? steps.length - 1 : 0);
  const [serverError, setServerError] = useState<string | null>(null);
  const { panelRef, requestFocus } = useStepFocus();
  const values = useWatch({ control: form.control }) as WizardValues;
  const { isDirty, isSubmitting } = form.formState;
  const connectorName = useConnectorLabel(values.connector_id);
  const { blocker, setSaving } = useLeaveGuard(isDirty);
  const restoreDraft = useCallback(
    (draft: WizardDraft) => {
      const last = steps.length - 1;
      setReached((previous) => Math.max(previous, Math.min(draft.reached, last)));
      setActive(Math.min(draft.active, last));
    },
    [steps.length],
  );
  const draft = useWizardDraft(
    draftKey(type, integration?.id),
    form as never,
    { active, reached },
    restoreDraft,
  );

  const open = (index: number, focus: FocusTarget) => {
    setActive(index);
    setReached((previous) => Math.max(previous, index));
    requestFocus(focus);
  };

  /** Validates the steps from `from` up to (not including) `to`; opens the first failing one. */
  const validateThrough = async (from: number, to: number): Promise<boolean> => {
    for (let index = from; index < to; index += 1) {
      const step = steps[index];
      if (!step || step.fields.length === 0) continue;
      const ok = await serverErrors.explicitly(() => form.trigger(withNestedFields(step.fields)));
      if (!ok) {
        if (index !== active) setActive(index);
        requestFocus("error");
        return false;
      }
    }
    return true;
  };

  const goTo = async (index: number) => {
    if (index === active || index > reached) return;
    if (index > active && !(await validateThrough(active, index))) return;
    open(index, "step");
  };

  const next = async () => {
    if (await validateThrough(active, active + 1)) open(active + 1, "step");
  };

  const back = () => open(Math.max(0, active - 1), "step");

  /** A failed check's link: opens the step showing the field, then focuses the field. */
  const fixField = (path: string) => {
    const index = steps.findIndex((step) =>
      step.fields.some((field) => path === field || path.startsWith(`${field}.`)),
    );
    if (index < 0) return;
    open(index, "step");
    requestAnimationFrame(() => requestAnimationFrame(() => form.setFocus(path as Path<WizardValues>)));
  };

  const editStep = (id: TWizardStepId) => {
    const index = steps.findIndex((step) => step.id === id);
    if (index >= 0) open(index, "step");
  };

  /** Puts the server's errors under their fields and reopens the first step holding one. */
  const showServerErrors = (error: unknown) => {
    const placement = placeServerError(type, error);
    for (const [path, message] of placement.fields) {
      form.setError(path as Path<WizardValues>, { type: "server", message });
      serverErrors.remember(path, form.getValues(), message);
    }
    setServerError(placement.alert);
    if (placement.firstStep !== null) {
      setActive(placement.firstStep);
      requestFocus("error");
    }
  };

  const validateAndSubmit = form.handleSubmit(
    async (body) => {
      setServerError(null);
      try {
        setSaving(true);
        await onSubmit(body);
        draft.clear();
      } catch (error) {
        setSaving(false);
        showServerErrors(error);
      }
    },
    (errors) => {
      const step = firstStepWithError(steps, errors);
      if (step) {
        setActive(steps.indexOf(step));
        requestFocus("error");
      }
    },
  );
  const submit = (event: FormEvent<HTMLFormElement>) =>
    serverErrors.explicitly(() => validateAndSubmit(event));

  const confirmValues = useMemo((): ConfirmValues => {
    const parsed = schema.safeParse(values);
    return (parsed.success ? parsed.data : values) as ConfirmValues;
  }, [schema, values]);

  const activeStep = steps[active];

  return (
    <FormProvider {...form}>
      <form
        onSubmit={submit}
        noValidate
        aria-label={editing ? `Edit ${integration.name}` : `Connect ${INTEGRATION_CATALOG[type].label}`}
        onKeyDown={(event) => {
          // Enter in a field must not submit the whole wizard (a step with one text field
          // would); only the Confirm step submits. Dropdowns handle their own Enter first.
          if (
            event.key === "Enter" &&
            event.target instanceof HTMLInputElement &&
            activeStep?.id !== "confirm"
          ) {
            event.preventDefault();
          }
        }}
      >
        <Accordion
          value={activeStep?.id ?? null}
          onChange={(value) => {
            const index = steps.findIndex((step) => step.id === value);
            if (index >= 0) void goTo(index);
          }}
          variant="separated"
          order={3}
          transitionDuration={120}
          chevronPosition="right"
        >
          {steps.map((step, index) => {
            const isActive = index === active;
            const done = index < reached || (editing && index !== active);
            const summary =
              !isActive && index <= reached
                ? stepSummary(step.id, type, values, { connector: connectorName })
                : null;
            return (
              <Accordion.Item key={step.id} value={step.id} data-testid={`wizard-step-${step.id}`}>
                <Accordion.Control disabled={index > reached} className={classes.control}>
                  <Group wrap="nowrap" gap="sm">
                    <ThemeIcon
                      radius="xl"
                      size={28}
                      variant={isActive ? "filled" : done ? "light" : "default"}
                      color={done && !isActive ? "green" : "blue"}
                      aria-hidden
                    >
                      <Text size="sm" fw={700}>
                        {done && !isActive ? "✓" : index + 1}
                      </Text>
                    </ThemeIcon>
                    <div style={{ minWidth: 0 }}>
                      <Text fw={600}>{step.title}</Text>
                      {summary && (
                        <Text size="xs" c="dimmed" truncate="end">
                          {summary}
                        </Text>
                      )}
                    </div>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  {isActive && (
                    <div ref={panelRef} data-testid={`wizard-panel-${step.id}`}>
                      <Stack gap="lg" pt="xs">
                        {step.id === "resource-types" && <ResourceTypesStep type={type} />}
                        {step.id === "connector" && <ConnectorStep />}
                        {step.id === "integration-config" && (
                          <IntegrationConfigStep
                            type={type}
                            integrationId={integration?.id}
                            onFixField={fixField}
                          />
                        )}
                        {step.id === "get-more" && <GetMoreStep type={type} />}
                        {step.id === "confirm" && (
                          <ConfirmStep
                            type={type}
                            values={confirmValues}
                            onEdit={editStep}
                            serverError={serverError}
                          />
                        )}
                        {step.id === "confirm" && <SetupChecks type={type} onFixField={fixField} />}
                        <Group justify="space-between">
                          {index > 0 ? (
                            <Button variant="default" onClick={back}>
                              Back
                            </Button>
                          ) : (
                            <span />
                          )}
                          {step.id === "confirm" ? (
                            <Button type="submit" loading={isSubmitting}>
                              {submitLabel}
                            </Button>
                          ) : (
                            <Button onClick={() => void next()}>Next</Button>
                          )}
                        </Group>
                      </Stack>
                    </div>
                  )}
                </Accordion.Panel>
              </Accordion.Item>
            );
          })}
        </Accordion>
      </form>
      <Modal
        opened={blocker.state === "blocked"}
        onClose={() => blocker.reset?.()}
        title={editing ? "Discard your changes?" : "Discard this integration?"}
        centered
      >
        <Text size="sm">
          {editing
            ? "Your changes have not been saved. If you leave now, they are lost."
            : "The integration has not been created. If you leave now, what you entered is lost."}
        </Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
            Keep editing
          </Button>
          <Button
            color="red"
            onClick={() => {
              draft.clear();
              blocker.proceed?.();
            }}
          >
            Discard
          </Button>
        </Group>
      </Modal>
    </FormProvider>
  );
}
