import { z } from "zod";
import { emptyTooLongOr } from "./checks.ts";

export const NAME_MAX = 100;

// ASCII only: names become Terraform resource labels and connector id slugs, both of
// which are ASCII, and "alphanumeric" is what the product documentation promises.
export const NAME_PATTERN = /^[A-Za-z0-9 ._-]+$/;

export const NAME_MESSAGES = {
  required: "Enter a name.",
  notText: "Send the name as a string.",
  tooLong: `Name must be at most ${NAME_MAX} characters.`,
  charset: "Name may contain only letters, digits, spaces, '-', '_' and '.'",
} as const;

/**
 * Display name of an integration, connector or API token: trimmed, 1–100 characters of
 * letters, digits, spaces, `-`, `_` and `.`. One message at a time (see common/checks.ts).
 */
export const ZName = z
  .string({ error: (issue) => (issue.input === undefined ? NAME_MESSAGES.required : NAME_MESSAGES.notText) })
  .trim()
  .min(1, { error: NAME_MESSAGES.required })
  .max(NAME_MAX, { error: NAME_MESSAGES.tooLong })
  .refine(
    emptyTooLongOr(NAME_MAX, (name) => NAME_PATTERN.test(name)),
    { error: NAME_MESSAGES.charset },
  );

export type TName = z.output<typeof ZName>;
