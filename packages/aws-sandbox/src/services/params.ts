import { serviceError } from "../protocol/service-errors.ts";
import type { RequestContext } from "./context.ts";

// Typed readers for request parameters; a malformed value is the service's validation error.

export function intParam(ctx: RequestContext, name: string): number | undefined {
  const raw = ctx.params.get(name);
  if (raw === null || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value))
    throw serviceError(ctx.service, "validation", `Invalid value '${raw}' for ${name}.`);
  return value;
}

export function stringParam(ctx: RequestContext, name: string): string | undefined {
  return ctx.params.get(name) ?? undefined;
}

export function requiredParam(ctx: RequestContext, name: string): string {
  const value = ctx.params.get(name);
  if (value === null || value === "") {
    throw serviceError(
      ctx.service,
      "validation",
      `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

// EC2 style "Name.1", "Name.2" … lists.
export function indexedList(ctx: RequestContext, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 1; ; i++) {
    const value = ctx.params.get(`${prefix}.${i}`);
    if (value === null) return out;
    out.push(value);
  }
}

export function jsonString(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.input[name];
  return typeof value === "string" ? value : undefined;
}

export function requiredJsonString(ctx: RequestContext, name: string): string {
  const value = jsonString(ctx, name);
  if (value === undefined || value === "") {
    throw serviceError(
      ctx.service,
      "validation",
      `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

export function jsonInt(ctx: RequestContext, name: string): number | undefined {
  const value = ctx.input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw serviceError(ctx.service, "validation", `Invalid value for ${name}.`);
  }
  return value;
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
