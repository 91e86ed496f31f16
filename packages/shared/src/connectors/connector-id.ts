export const CONNECTOR_ID_PREFIX = "aws-connector-";

/**
 * Readable connector id from its name, as Apono's ids look:
 * "Prod US East" → "aws-connector-prod-us-east". Lowercased; every run of characters other
 * than a–z and 0–9 becomes one "-"; leading/trailing "-" removed; the prefix is added
 * unless the name already starts with it. Uniqueness is the caller's job (e.g. append "-2").
 */
export function connectorIdFromName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const bare = CONNECTOR_ID_PREFIX.slice(0, -1);
  if (slug === bare || slug.startsWith(CONNECTOR_ID_PREFIX)) return slug;
  return slug === "" ? bare : `${CONNECTOR_ID_PREFIX}${slug}`;
}
