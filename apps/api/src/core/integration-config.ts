/**
 * An integration's settings as stored (`integrations.integration_config`, JSON), read into one
 * typed value by the repositories, so no mapper or fetch has to guess at the JSON again.
 */
export type StoredIntegrationConfig = Readonly<Record<string, string>>;

/**
 * Read defensively: a row written by an older version (or by hand) must not turn a listing
 * into a 500, so anything that is not a string value is left out.
 */
export function parseStoredConfig(value: unknown): StoredIntegrationConfig {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

/** A row with its `integrationConfig` parsed. */
export type WithParsedConfig<Row extends { integrationConfig: unknown }> = Omit<Row, "integrationConfig"> & {
  integrationConfig: StoredIntegrationConfig;
};

export function withParsedConfig<Row extends { integrationConfig: unknown }>(
  row: Row,
): WithParsedConfig<Row> {
  return { ...row, integrationConfig: parseStoredConfig(row.integrationConfig) };
}
