import { zodResolver } from "@hookform/resolvers/zod";
import { Accordion, Button, Group, Modal, Stack, Text, ThemeIcon } from "@mantine/core";
import {
  apiIssuesToFieldErrors,
  type TIntegrationType,
  type TIntegrationV4,
  type TWizardStepId,
  WIZARD_STEPS,
  wizardStepForField,
  ZCreateIntegrationFor,
  ZUpdateIntegrationFor,
} from "@portcullis/shared";
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { FormProvider, get, type Path, type Resolver, set, useForm, useWatch } from "react-hook-form";
import { useBlocker } from "react-router";
import { errorMessage } from "../../../../components/states.tsx";
import { isApiError } from "../../../../lib/api-client.ts";
import { ConfirmStep, type ConfirmValues } from "./confirm-step.tsx";
import { ConnectorStep } from "./connector-step.tsx";
import { GetMoreStep } from "./get-more-step.tsx";
import { IntegrationConfigStep } from "./integration-config-step.tsx";
import { ResourceTypesStep } from "./resource-types-step.tsx";
import { stepSummary } from "./step-summary.ts";
import {
  emptyWizardValues,
  firstStepWithError,
  valuesFromIntegration,
  type WizardValues,
  withNestedFields,
} from "./wizard-values.ts";

/** The parsed body the wizard submits: the create body, or the update body (no `type`). */
export type WizardOutput = ConfirmValues & Record<string, unknown>;

export type WizardProps = {
  type: TIntegrationType;
  /** Present when editing: the form starts from it and every step is open to visit. */
  integration?: TIntegrationV4;
  submitLabel: string;
  /** Saves the body; throws the API error, which the wizard puts back on its fields. */
  onSubmit: (body: WizardOutput) => Promise<void>;
};

const FIELD = 'input:not([type="hidden"]):not([disabled]), textarea';
const FOCUSABLE = `${FIELD}, button:not([disabled]), [tabindex="0"]`;

export function IntegrationWizard({ type, integration, submitLabel, onSubmit }: WizardProps) {
  const steps = WIZARD_STEPS[type];
  const editing = integration !== undefined;
  // One form over the whole wizard, validated by the shared schema of the body it sends.
  const schema = editing ? ZUpdateIntegrationFor[type] : ZCreateIntegrationFor[type];
  const serverErrors = useRef(new Map<string, { value: string; message: string }>());
  const explicit = useRef(false);
  const resolver = useMemo(() => {
    const base = zodResolver(schema as never) as unknown as Resolver<WizardValues, unknown, WizardOutput>;
    // The server's verdict on a field (a taken name) stays under it while the value is the
    // one it judged, so tabbing through the field does not hide it; Next and Confirm ask again.
    return (async (values, context, options) => {
      const result = await base(values, context, options);
      if (explicit.current) {
        serverErrors.current.clear();
        return result;
      }
      let added = false;
      for (const [path, error] of serverErrors.current) {
        if (JSON.stringify(get(values, path) ?? null) !== error.value) {
          serverErrors.current.delete(path);
          continue;
        }
        if (!get(result.errors, path)) {
          set(result.errors, path, { type: "server", message: error.message });
          added = true;
        }
      }
      return added ? { values: {}, errors: result.errors } : result;
    }) as Resolver<WizardValues, unknown, WizardOutput>;
  }, [schema]);
  const form = useForm<WizardValues, unknown, WizardOutput>({
    resolver,
    defaultValues: integration ? valuesFromIntegration(integration) : emptyWizardValues(type),
    // Errors appear when a step is checked (Next, Confirm), never on blur: an error appearing
    // as focus leaves a field would move the Next button away from under the pointer.
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const [active, setActive] = useState(0);
  const [reached, setReached] = useState(editing ? steps.length - 1 : 0);
  const [serverError, setServerError] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ kind: "error" | "step"; tick: number } | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const saved = useRef(false);
  const values = useWatch({ control: form.control }) as WizardValues;
  const { isDirty, isSubmitting } = form.formState;

  // Focus follows the wizard: the first invalid field after a failed Next or save, or the
  // first field of a step that just opened.
  useEffect(() => {
    if (!focusRequest) return;
    // Errors and newly opened steps render in their own commits; wait a few frames for them.
    let frame = 0;
    let handle = 0;
    const attempt = () => {
      const panel = panelRef.current;
      // A step's first field (which may still be loading), else its first control.
      const target =
        focusRequest.kind === "error"
          ? panel?.querySelector<HTMLElement>('[aria-invalid="true"]')
          : (panel?.querySelector<HTMLElement>(FIELD) ??
            (frame >= 10 ? panel?.querySelector<HTMLElement>(FOCUSABLE) : null));
      if (target) target.focus();
      else if (frame++ < 30) handle = requestAnimationFrame(attempt);
    };
    attempt();
    return () => cancelAnimationFrame(handle);
  }, [focusRequest]);

  const requestFocus = (kind: "error" | "step") =>
    setFocusRequest((previous) => ({ kind, tick: (previous?.tick ?? 0) + 1 }));

  const open = useCallback((index: number, focus: "error" | "step") => {
    setActive(index);
    setReached((previous) => Math.max(previous, index));
    setFocusRequest((previous) => ({ kind: focus, tick: (previous?.tick ?? 0) + 1 }));
  }, []);

  /** Validates the steps from `from` up to (not including) `to`; opens the first failing one. */
  const validateThrough = async (from: number, to: number): Promise<boolean> => {
    for (let index = from; index < to; index += 1) {
      const step = steps[index];
      if (!step || step.fields.length === 0) continue;
      explicit.current = true;
      const ok = await form.trigger(withNestedFields(step.fields)).finally(() => {
        explicit.current = false;
      });
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

  const editStep = (id: TWizardStepId) => {
    const index = steps.findIndex((step) => step.id === id);
    if (index >= 0) open(index, "step");
  };

  const showServerErrors = (error: unknown) => {
    if (isApiError(error) && error.issues.length > 0) {
      const byField = apiIssuesToFieldErrors(error.issues);
      let firstStep: number | null = null;
      let unplaced: string | null = null;
      for (const [path, message] of Object.entries(byField)) {
        const stepId = path === "root" ? "confirm" : wizardStepForField(type, path);
        if (stepId === "confirm") {
          unplaced ??= message;
          continue;
        }
        form.setError(path as Path<WizardValues>, { type: "server", message });
        serverErrors.current.set(path, {
          value: JSON.stringify(get(form.getValues(), path) ?? null),
          message,
        });
        const index = steps.findIndex((step) => step.id === stepId);
        if (firstStep === null || index < firstStep) firstStep = index;
      }
      setServerError(unplaced ?? (firstStep === null ? error.message : null));
      if (firstStep !== null) {
        setActive(firstStep);
        requestFocus("error");
      }
      return;
    }
    setServerError(errorMessage(error));
  };

  const validateAndSubmit = form.handleSubmit(
    async (body) => {
      setServerError(null);
      try {
        saved.current = true;
        await onSubmit(body);
      } catch (error) {
        saved.current = false;
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
  const submit = (event: FormEvent<HTMLFormElement>) => {
    explicit.current = true;
    return validateAndSubmit(event).finally(() => {
      explicit.current = false;
    });
  };

  // Leaving a half-filled wizard asks first: in-app navigation through the router's blocker,
  // closing or reloading the tab through the browser's own prompt.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      !saved.current && isDirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!isDirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (saved.current) return;
      event.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [isDirty]);

  const confirmValues = useMemo((): ConfirmValues => {
    const parsed = schema.safeParse(values);
    return (parsed.success ? parsed.data : values) as ConfirmValues;
  }, [schema, values]);

  // Once a field shows an error, it is checked again as it changes, so fixing it clears it.
  useEffect(() => {
    const subscription = form.watch((_values, { name, type }) => {
      if (type !== "change" || !name || form.formState.isSubmitted) return;
      // getFieldState reads the live errors (formState here would be the last render's).
      const top = name.split(".")[0] ?? name;
      const hasError = (path: string) => form.getFieldState(path as Path<WizardValues>).error !== undefined;
      const stale = [name, ...(top === "owners_mapping" ? ["owner"] : [])].filter(
        (path) => hasError(path) || hasError(top),
      );
      if (stale.length > 0) void form.trigger(withNestedFields(stale));
    });
    return () => subscription.unsubscribe();
  }, [form]);

  const activeStep = steps[active];

  return (
    <FormProvider {...form}>
      <form
        onSubmit={submit}
        noValidate
        aria-label={submitLabel}
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
            const summary = !isActive && index <= reached ? stepSummary(step.id, type, values) : null;
            return (
              <Accordion.Item key={step.id} value={step.id} data-testid={`wizard-step-${step.id}`}>
                <Accordion.Control disabled={index > reached}>
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
                        {step.id === "integration-config" && <IntegrationConfigStep type={type} />}
                        {step.id === "get-more" && <GetMoreStep type={type} />}
                        {step.id === "confirm" && (
                          <ConfirmStep
                            type={type}
                            values={confirmValues}
                            onEdit={editStep}
                            serverError={serverError}
                          />
                        )}
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
        title="Discard this integration?"
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
          <Button color="red" onClick={() => blocker.proceed?.()}>
            Discard
          </Button>
        </Group>
      </Modal>
    </FormProvider>
  );
}
