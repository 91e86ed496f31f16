import type { z } from "zod";
import type { TIntegrationType } from "../catalog/integration-types.ts";
import type { ZUpdateIntegration } from "../integrations/update-integration.schema.ts";

// Terraform equivalent of an integration, shown on the wizard's Confirm step so admins can
// keep the integration in code, in the schema of Apono's `apono_resource_integration`
// resource: `owner = { source_integration_name, type, values }` and
// `owners_mapping = { source_integration_name, key_name, attribute_type }`.

type TIntegrationBodyInput = z.input<typeof ZUpdateIntegration>;

/**
 * What the function reads: the body as the shared schema types it, parsed or as the form
 * holds it. Only the name, the type and the config are required, so a half-filled form
 * still has a Terraform equivalent; a config of a known type (with optional settings) is
 * read as the map of strings the published API describes.
 */
export type TTerraformIntegrationInput = Pick<TIntegrationBodyInput, "name"> &
  Partial<
    Pick<
      TIntegrationBodyInput,
      "connector_id" | "connected_resource_types" | "custom_access_details" | "owner" | "owners_mapping"
    >
  > & {
    type: TIntegrationType;
    integration_config: Readonly<Partial<TIntegrationBodyInput["integration_config"]>>;
  };

/**
 * HCL quoted string: escapes backslash, quote and control characters, and doubles the
 * template introducers (`${` → `$${`, `%{` → `%%{`) so the text is never interpolated.
 */
export function hclString(value: string): string {
  let out = "";
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === "\\") out += "\\\\";
    else if (char === '"') out += '\\"';
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += char;
  }
  // Replacement functions: in a replacement string "$$" would mean a single "$".
  return `"${out.replaceAll("${", () => "$${").replaceAll("%{", () => "%%{")}"`;
}

/** Resource label from the name: lowercase letters, digits and "_", starting with a letter. */
export function terraformResourceLabel(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (slug === "") return "integration";
  return /^[a-z]/.test(slug) ? slug : `integration_${slug}`;
}

function hclKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : hclString(key);
}

function hclList(values: readonly string[]): string {
  return `[${values.map(hclString).join(", ")}]`;
}

/** `key = value` lines with the `=` aligned, as `terraform fmt` writes them. */
function attributes(entries: ReadonlyArray<readonly [string, string]>, indent: string): string[] {
  const width = Math.max(0, ...entries.map(([key]) => key.length));
  return entries.map(([key, value]) => `${indent}${key.padEnd(width)} = ${value}`);
}

/**
 * `owner` and `owners_mapping` are nested attributes in the provider's schema (not blocks),
 * so they are written `owner = { … }`.
 */
function objectAttribute(name: string, entries: ReadonlyArray<readonly [string, string]>): string[] {
  return [`  ${name} = {`, ...attributes(entries, "    "), "  }"];
}

export function toTerraformHcl(integration: TTerraformIntegrationInput): string {
  const lines: string[] = [
    `resource "apono_resource_integration" ${hclString(terraformResourceLabel(integration.name))} {`,
  ];

  const head: Array<readonly [string, string]> = [
    ["name", hclString(integration.name)],
    ["type", hclString(integration.type)],
  ];
  if (integration.connector_id) head.push(["connector_id", hclString(integration.connector_id)]);
  head.push(["connected_resource_types", hclList(integration.connected_resource_types ?? [])]);
  lines.push(...attributes(head, "  "));

  const config = Object.entries(integration.integration_config).filter(
    (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "",
  );
  lines.push("");
  if (config.length === 0) {
    lines.push("  integration_config = {}");
  } else {
    lines.push(
      "  integration_config = {",
      ...attributes(
        config.map(([key, value]) => [hclKey(key), hclString(value)] as const),
        "    ",
      ),
      "  }",
    );
  }

  if (integration.custom_access_details) {
    lines.push(
      "",
      ...attributes([["custom_access_details", hclString(integration.custom_access_details)]], "  "),
    );
  }

  const { owner, owners_mapping: mapping } = integration;
  if (owner) {
    const entries: Array<readonly [string, string]> = [];
    if (owner.source_integration_reference) {
      entries.push(["source_integration_name", hclString(owner.source_integration_reference)]);
    }
    entries.push(["type", hclString(owner.attribute_type)], ["values", hclList(owner.attribute_value)]);
    lines.push("", ...objectAttribute("owner", entries));
  }
  if (mapping) {
    const entries: Array<readonly [string, string]> = [];
    if (mapping.source_integration_reference) {
      entries.push(["source_integration_name", hclString(mapping.source_integration_reference)]);
    }
    entries.push(
      ["key_name", hclString(mapping.key_name)],
      ["attribute_type", hclString(mapping.attribute_type)],
    );
    lines.push("", ...objectAttribute("owners_mapping", entries));
  }

  lines.push("}");
  return `${lines.join("\n")}\n`;
}
