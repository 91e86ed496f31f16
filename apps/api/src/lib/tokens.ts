import { createHash, randomBytes } from "node:crypto";

/** Personal API tokens look like `pc_<40 chars>`; the prefix makes leaked ones easy to grep for. */
export const API_TOKEN_PREFIX = "pc_";

export function generateApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(30).toString("base64url")}`;
}

/** Tokens are random and long, so a plain sha256 is enough to store them safely and look them up. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
