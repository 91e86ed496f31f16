const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids of most tables are PostgreSQL `uuid`s: comparing one with other text is a database
 * error, so callers check the shape first and treat anything else as "not found".
 */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
