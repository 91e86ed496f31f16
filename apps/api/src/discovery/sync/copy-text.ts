// Rows for PostgreSQL's `COPY … FROM STDIN` in its text format: one line per row, fields
// separated by tabs, `\N` for NULL. Inside a field a backslash, a tab, a newline and a carriage
// return are written as `\\`, `\t`, `\n` and `\r`; nothing else needs escaping.
// (https://www.postgresql.org/docs/current/sql-copy.html, "Text Format")

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

function copyField(value: string | null): string {
  return value === null ? "\\N" : value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!);
}

/** One row, newline included. */
export function copyTextRow(values: ReadonlyArray<string | null>): string {
  return `${values.map(copyField).join("\t")}\n`;
}

/**
 * A `text[]` literal: every element double-quoted, with its quotes and backslashes escaped,
 * so commas, braces, spaces and the word NULL are read as text.
 */
export function pgTextArray(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
}
