import { z } from "zod";

export const EMAIL_MAX = 254;
export const PASSWORD_MAX = 1024;
export const NEW_PASSWORD_MIN = 12;

const ENTER_EMAIL = "Enter your email address.";

/** Email address, trimmed and lowercased so sign-in does not depend on case. */
export const ZEmail = z
  .string({ error: ENTER_EMAIL })
  .trim()
  .toLowerCase()
  .min(1, { error: ENTER_EMAIL })
  .max(EMAIL_MAX, { error: `Email address must be at most ${EMAIL_MAX} characters.` })
  .pipe(z.email({ error: "Enter a valid email address, such as name@example.com." }));

/** Password at sign-in: any non-empty text (never trimmed; spaces may be part of it). */
export const ZPassword = z
  .string({ error: "Enter your password." })
  .min(1, { error: "Enter your password." })
  .max(PASSWORD_MAX, { error: `Password must be at most ${PASSWORD_MAX} characters.` });

/** Password being set: at least 12 characters. */
export const ZNewPassword = z
  .string({ error: "Enter a password." })
  .min(NEW_PASSWORD_MIN, { error: `Password must be at least ${NEW_PASSWORD_MIN} characters.` })
  .max(PASSWORD_MAX, { error: `Password must be at most ${PASSWORD_MAX} characters.` });
