import { useCallback, useEffect, useRef } from "react";
import { useBlocker } from "react-router";

/**
 * Leaving a half-filled form asks first: in-app navigation through the router's blocker
 * (render a dialog while `blocker.state === "blocked"`), closing or reloading the tab through
 * the browser's own prompt. `setSaving(true)` before saving lets the page navigate away once
 * the save succeeded; `setSaving(false)` when it failed.
 */
export function useLeaveGuard(isDirty: boolean) {
  const saving = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      !saving.current && isDirty && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (!isDirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (saving.current) return;
      event.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [isDirty]);

  const setSaving = useCallback((value: boolean) => {
    saving.current = value;
  }, []);

  return { blocker, setSaving };
}
