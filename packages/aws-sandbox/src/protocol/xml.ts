// String-building XML helpers: responses are small and regular, and concatenation is much
// faster than a DOM for the benchmark's request rates.

const SPECIAL = /[<>&"']/;

export function escapeXml(value: string): string {
  if (!SPECIAL.test(value)) return value;
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

export type XmlValue = string | number | boolean | Date | undefined;

// A leaf element; undefined values are omitted, as AWS omits absent members.
export function leaf(name: string, value: XmlValue): string {
  if (value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : escapeXml(String(value));
  return `<${name}>${text}</${name}>`;
}

export function node(name: string, inner: string): string {
  return `<${name}>${inner}</${name}>`;
}

export function list<T>(
  name: string,
  member: string,
  items: readonly T[],
  render: (item: T) => string,
): string {
  let inner = "";
  for (const item of items) inner += `<${member}>${render(item)}</${member}>`;
  return `<${name}>${inner}</${name}>`;
}

export function tagList(
  name: string,
  member: string,
  tags: readonly { Key: string; Value: string }[],
  lower = false,
) {
  const [k, v] = lower ? ["key", "value"] : ["Key", "Value"];
  return list(name, member, tags, (tag) => leaf(k, tag.Key) + leaf(v, tag.Value));
}
