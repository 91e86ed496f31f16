/**
 * Remove keys whose value is `undefined`. `integration_config` is a map of strings, so an
 * optional setting left empty must disappear rather than be stored as `undefined`.
 */
export function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
