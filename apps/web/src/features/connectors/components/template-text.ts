/** YAML scalars are quoted when they could be read as something else. */
export function yamlString(value: string): string {
  return JSON.stringify(value);
}

/** An HCL string literal that never starts an interpolation. */
export function hcl(value: string): string {
  return JSON.stringify(value).replaceAll("${", () => "$${");
}
