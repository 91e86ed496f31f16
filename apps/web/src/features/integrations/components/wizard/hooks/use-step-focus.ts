import { useCallback, useEffect, useRef, useState } from "react";

const FIELD = 'input:not([type="hidden"]):not([disabled]), textarea';
const FOCUSABLE = `${FIELD}, button:not([disabled]), [tabindex="0"]`;

export type FocusTarget = "error" | "step";

/**
 * Focus follows the wizard: `requestFocus("error")` moves it to the first invalid field of the
 * panel after a failed Next or save, `requestFocus("step")` to the first field of a step that
 * just opened. Attach `panelRef` to the open step's panel.
 */
export function useStepFocus() {
  const panelRef = useRef<HTMLDivElement>(null);
  const [request, setRequest] = useState<{ target: FocusTarget; tick: number } | null>(null);

  useEffect(() => {
    if (!request) return;
    // Errors and newly opened steps render in their own commits; wait a few frames for them.
    let frame = 0;
    let handle = 0;
    const attempt = () => {
      const panel = panelRef.current;
      // A step's first field (which may still be loading), else its first control.
      const target =
        request.target === "error"
          ? panel?.querySelector<HTMLElement>('[aria-invalid="true"]')
          : (panel?.querySelector<HTMLElement>(FIELD) ??
            (frame >= 10 ? panel?.querySelector<HTMLElement>(FOCUSABLE) : null));
      if (target) target.focus();
      else if (frame++ < 30) handle = requestAnimationFrame(attempt);
    };
    attempt();
    return () => cancelAnimationFrame(handle);
  }, [request]);

  const requestFocus = useCallback(
    (target: FocusTarget) => setRequest((previous) => ({ target, tick: (previous?.tick ?? 0) + 1 })),
    [],
  );

  return { panelRef, requestFocus };
}
