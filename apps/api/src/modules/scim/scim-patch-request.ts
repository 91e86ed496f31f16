import { type ScimPatchOperation, type ScimResource, scimPatch } from "scim-patch";
import { PATCH_SCHEMA } from "./scim-constants.ts";
import { ScimError, type ScimType } from "./scim-error.ts";

/** Attributes nobody may write (RFC 7643 "readOnly"): a PATCH aiming at one is a 400 mutability. */
const READ_ONLY = new Set(["id", "meta", "groups"]);
const MAX_OPERATIONS = 1000;

type RawOperation = { op?: unknown; path?: unknown; value?: unknown };

/**
 * Checks a PatchOp body and brings the shapes IdPs send to RFC 7644 §3.5.2: Entra's capitalised
 * `op`s, and path-less values whose keys are paths themselves (`{"name.givenName": "Ann"}`,
 * `{"emails[type eq \"work\"].value": "…"}`), which become one operation per key.
 */
export function normalizeOperations(body: unknown, current: Record<string, unknown>): ScimPatchOperation[] {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw ScimError.badRequest("invalidSyntax", "The request body must be a PatchOp JSON object.");
  }
  const { schemas, Operations } = body as { schemas?: unknown; Operations?: unknown };
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_SCHEMA)) {
    throw ScimError.badRequest("invalidSyntax", `schemas must hold "${PATCH_SCHEMA}".`);
  }
  if (!Array.isArray(Operations) || Operations.length === 0) {
    throw ScimError.badRequest("invalidSyntax", "Operations must be a non-empty array.");
  }
  if (Operations.length > MAX_OPERATIONS) {
    throw ScimError.badRequest("invalidSyntax", `At most ${MAX_OPERATIONS} operations per request.`);
  }
  return Operations.flatMap((raw: RawOperation, index) => normalizeOne(raw, index, current));
}

function normalizeOne(
  raw: RawOperation,
  index: number,
  current: Record<string, unknown>,
): ScimPatchOperation[] {
  if (typeof raw !== "object" || raw === null) {
    throw ScimError.badRequest("invalidSyntax", `Operations[${index}] must be an object.`);
  }
  const op = typeof raw.op === "string" ? raw.op.toLowerCase() : "";
  if (op !== "add" && op !== "replace" && op !== "remove") {
    throw ScimError.badRequest(
      "invalidSyntax",
      `Operations[${index}].op must be "add", "replace" or "remove".`,
    );
  }
  if (raw.path !== undefined && (typeof raw.path !== "string" || raw.path.trim() === "")) {
    throw ScimError.badRequest("invalidPath", `Operations[${index}].path must be a non-empty string.`);
  }
  const path = raw.path as string | undefined;
  if (op === "remove") {
    if (path === undefined)
      throw ScimError.badRequest("noTarget", `Operations[${index}]: remove needs a path.`);
    checkWritable(path, index);
    return [{ op, path, ...(raw.value !== undefined ? { value: raw.value } : {}) }];
  }
  if (raw.value === undefined) {
    throw ScimError.badRequest("invalidValue", `Operations[${index}]: ${op} needs a value.`);
  }
  if (path !== undefined) {
    checkWritable(path, index);
    return [{ op, path, value: raw.value }];
  }
  if (typeof raw.value !== "object" || raw.value === null || Array.isArray(raw.value)) {
    throw ScimError.badRequest(
      "invalidValue",
      `Operations[${index}]: without a path, value must be an object.`,
    );
  }
  const whole: Record<string, unknown> = {};
  const split: ScimPatchOperation[] = [];
  for (const [key, value] of Object.entries(raw.value)) {
    const lower = key.toLowerCase();
    if (READ_ONLY.has(lower) || lower === "schemas") {
      // Okta resends the id (and some IdPs the schemas) with the attributes it replaces: harmless when unchanged.
      if (lower === "id" && value !== current.id) throw mutability(key, index);
      if (lower !== "id" && lower !== "schemas") throw mutability(key, index);
      continue;
    }
    if (!key.startsWith("urn:") && /[.[]/.test(key)) split.push({ op, path: key, value });
    else if (isPlainObject(value)) {
      // A complex attribute or a schema extension: its sub-attributes are merged, not the whole replaced.
      const separator = key.toLowerCase().startsWith("urn:") ? ":" : ".";
      for (const [sub, subValue] of Object.entries(value)) {
        split.push({ op, path: `${key}${separator}${sub}`, value: subValue });
      }
    } else whole[key] = value;
  }
  const combined: ScimPatchOperation[] = Object.keys(whole).length > 0 ? [{ op, value: whole }] : [];
  return [...combined, ...split];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkWritable(path: string, index: number): void {
  const root = path.toLowerCase().split(/[.[]/)[0] ?? "";
  if (READ_ONLY.has(root)) throw mutability(path, index);
}

function mutability(attribute: string, index: number): ScimError {
  return ScimError.badRequest("mutability", `Operations[${index}]: "${attribute}" is read-only.`);
}

/** Applies the operations to the resource's SCIM JSON with scim-patch; its errors become SCIM 400s. */
export function applyPatch<T extends Record<string, unknown>>(
  resource: T,
  operations: ScimPatchOperation[],
): T {
  const document = {
    ...resource,
    meta: { created: new Date(), lastModified: new Date() },
  } as unknown as ScimResource;
  try {
    return scimPatch(document, operations, {
      mutateDocument: false,
      treatMissingAsAdd: true,
    }) as unknown as T;
  } catch (error) {
    const scimCode = (error as { scimCode?: string }).scimCode;
    const scimType: ScimType =
      scimCode === "noTarget" ? "noTarget" : scimCode === "invalidPath" ? "invalidPath" : "invalidValue";
    if (error instanceof Error) throw ScimError.badRequest(scimType, error.message);
    throw error;
  }
}
