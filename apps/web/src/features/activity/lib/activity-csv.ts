import type { TActivityItem } from "@portcullis/shared";

/** The columns of the CSV export, in order: the event first, then the request it belongs to. */
const COLUMNS: Array<[string, (item: TActivityItem) => string]> = [
  ["event_time", (i) => i.portcullis.event_time],
  ["event_name", (i) => i.portcullis.event_name],
  ["event_source", (i) => i.portcullis.event_source],
  ["read_only", (i) => String(i.portcullis.read_only)],
  ["error_code", (i) => i.portcullis.error_code ?? ""],
  ["resources", (i) => i.portcullis.resources.join(" ")],
  ["account_id", (i) => i.portcullis.account_id],
  ["region", (i) => i.portcullis.region],
  ["principal", (i) => i.portcullis.principal],
  ["access_key_id", (i) => i.portcullis.access_key_id ?? ""],
  ["source_ip", (i) => i.portcullis.source_ip ?? ""],
  ["user_agent", (i) => i.portcullis.user_agent ?? ""],
  ["person", (i) => i.requestor_name ?? ""],
  ["person_email", (i) => i.requestor_email ?? ""],
  ["integration", (i) => i.integration ?? ""],
  ["request_id", (i) => i.request_id ?? ""],
  ["resource", (i) => (i.resources ?? []).join(" ")],
  ["permission", (i) => (i.permissions ?? []).join(" ")],
  ["event_id", (i) => i.portcullis.event_id],
];

/**
 * RFC 4180 quoting; a value a spreadsheet would run as a formula (=, +, -, @ first) is prefixed
 * with a quote mark, since user agents and resource names come from outside.
 */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function activityCsv(items: readonly TActivityItem[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(",")];
  for (const item of items) lines.push(COLUMNS.map(([, read]) => cell(read(item))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
