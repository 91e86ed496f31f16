import { useCallback, useEffect, useRef } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { WizardValues } from "../wizard-values.ts";

/** What survives a lost session: the values typed and the step the user was on. */
export type WizardDraft = { values: WizardValues; active: number; reached: number };

/** One draft per wizard: per type when creating, per integration when editing. */
export function draftKey(type: string, integrationId: string | undefined): string {
  return `portcullis.wizard-draft.${type}.${integrationId ?? "new"}`;
}

export function readDraft(key: string): WizardDraft | null {
  try {
    const raw = window.sessionStorage.getItem(key);
    if (!raw) return null;
    const draft = JSON.parse(raw) as Partial<WizardDraft>;
    if (typeof draft.values !== "object" || draft.values === null) return null;
    return {
      values: draft.values as WizardValues,
      active: typeof draft.active === "number" ? draft.active : 0,
      reached: typeof draft.reached === "number" ? draft.reached : 0,
    };
  } catch {
    // Storage refused (private mode, quota) or a draft from an older shape: start afresh.
    return null;
  }
}

/**
 * Keeps what the user typed in session storage while the form is dirty, so a session that
 * ends mid-wizard (expired, signed out in another tab) sends them to sign in and back to the
 * same step with everything still filled in. Session storage dies with the tab; `clear()` runs
 * on Confirm and on Discard.
 */
export function useWizardDraft(
  key: string,
  form: UseFormReturn<WizardValues, unknown, unknown>,
  position: { active: number; reached: number },
  restore: (draft: WizardDraft) => void,
) {
  const cleared = useRef(false);
  const restored = useRef(false);

  // Restores once, after the form mounted: `reset` with the defaults kept leaves the form
  // dirty, so leaving it still asks first.
  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    const draft = readDraft(key);
    if (!draft) return;
    form.reset(draft.values, { keepDefaultValues: true });
    restore(draft);
  }, [key, form, restore]);

  const { isDirty } = form.formState;
  const { active, reached } = position;
  // biome-ignore lint/correctness/useExhaustiveDependencies: saves again when the form turns dirty or clean (the watch callback may run before formState updates).
  useEffect(() => {
    if (!restored.current) return;
    const save = () => {
      if (cleared.current) return;
      try {
        if (!form.formState.isDirty) window.sessionStorage.removeItem(key);
        else {
          const draft: WizardDraft = { values: form.getValues(), active, reached };
          window.sessionStorage.setItem(key, JSON.stringify(draft));
        }
      } catch {
        // A full or refused storage only costs the draft.
      }
    };
    save();
    const subscription = form.watch(save);
    return () => subscription.unsubscribe();
  }, [key, form, active, reached, isDirty]);

  const clear = useCallback(() => {
    cleared.current = true;
    try {
      window.sessionStorage.removeItem(key);
    } catch {
      // Nothing stored, nothing to clear.
    }
  }, [key]);

  return { clear };
}
