import { useEffect } from "react";
import type { Path, UseFormReturn } from "react-hook-form";
import { type WizardValues, withNestedFields } from "../wizard-values.ts";

/**
 * Once a field shows an error, it is checked again as it changes, so fixing it clears it
 * (the form itself validates only on Next and Confirm). A Resource Owner change re-checks
 * the Integration Owner, which the cross-field rule reports on.
 */
export function useRecheckOnChange(form: UseFormReturn<WizardValues, unknown, unknown>) {
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
}
