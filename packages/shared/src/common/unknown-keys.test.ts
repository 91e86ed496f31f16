import { describe, expect, it } from "vitest";
import { z } from "zod";
import { unknownKeysError } from "./unknown-keys.ts";

const ZThing = z.strictObject(
  { a: z.string().optional() },
  {
    error: unknownKeysError({
      where: "a thing",
      notAnObject: "Send the thing as a JSON object.",
      hints: { secret: "Secrets are not supported; remove secret." },
    }),
  },
);

const messages = (input: unknown) => ZThing.safeParse(input).error?.issues.map((i) => i.message);

describe("unknownKeysError", () => {
  it("names one unknown field", () => {
    expect(messages({ b: 1 })).toEqual(['Remove the field "b": it is not part of a thing.']);
  });
  it("names several unknown fields and counts the rest", () => {
    expect(messages({ b: 1, c: 1, d: 1, e: 1, f: 1, g: 1, h: 1 })).toEqual([
      'Remove the fields "b", "c", "d", "e", "f" and 2 more: they are not part of a thing.',
    ]);
  });
  it("uses a hint for a known mistake", () => {
    expect(messages({ secret: {} })).toEqual(["Secrets are not supported; remove secret."]);
  });
  it("truncates very long field names", () => {
    const [message] = messages({ ["k".repeat(500)]: 1 }) ?? [];
    expect(message?.length).toBeLessThan(120);
  });
  it("explains a non-object", () => {
    expect(messages("x")).toEqual(["Send the thing as a JSON object."]);
  });
});
