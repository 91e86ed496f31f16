import { useCallback, useMemo, useRef } from "react";
import { type FieldValues, get, type Resolver, set } from "react-hook-form";

type StickyError = { value: string; message: string };

/**
 * The server's verdict on a field (a taken name) stays under it while the value is the one it
 * judged, so tabbing through the field or re-validating on change does not hide it. Checks the
 * user asks for (Next, Confirm) run `explicitly`, which forgets every verdict: the server is
 * asked again on save.
 */
export function useStickyServerErrors<TValues extends FieldValues, TOutput>(
  base: Resolver<TValues, unknown, TOutput>,
) {
  const sticky = useRef(new Map<string, StickyError>());
  const explicit = useRef(false);

  const resolver = useMemo(
    () =>
      (async (values, context, options) => {
        const result = await base(values, context, options);
        if (explicit.current) {
          sticky.current.clear();
          return result;
        }
        let added = false;
        for (const [path, error] of sticky.current) {
          if (JSON.stringify(get(values, path) ?? null) !== error.value) {
            sticky.current.delete(path);
            continue;
          }
          if (!get(result.errors, path)) {
            set(result.errors, path, { type: "server", message: error.message });
            added = true;
          }
        }
        return added ? { values: {}, errors: result.errors } : result;
      }) as Resolver<TValues, unknown, TOutput>,
    [base],
  );

  /** Keeps the server's `message` on `path` while the field holds its value in `values`. */
  const remember = useCallback((path: string, values: TValues, message: string) => {
    sticky.current.set(path, { value: JSON.stringify(get(values, path) ?? null), message });
  }, []);

  /** Runs a check the user asked for: it replaces the server's verdicts. */
  const explicitly = useCallback(async <T>(check: () => Promise<T>): Promise<T> => {
    explicit.current = true;
    try {
      return await check();
    } finally {
      explicit.current = false;
    }
  }, []);

  return { resolver, remember, explicitly };
}
