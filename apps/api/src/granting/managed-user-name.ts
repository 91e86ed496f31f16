import { createHash } from "node:crypto";
import type { GrantSubject } from "./types.ts";

/** Where Portcullis keeps the IAM users it manages, so they are easy to find and to scope. */
export const MANAGED_USER_PATH = "/portcullis/";

/** IAM user names: at most 64 characters of letters, digits and `+=,.@_-`. */
const IAM_USER_NAME = /^[\w+=,.@-]{1,64}$/;

/**
 * The managed IAM user's name for a person: `portcullis-`, the readable part of their user name
 * (sanitised, at most 32 characters) and 8 hex digits of their person id, so two people whose
 * names sanitise alike never share a user, and the name stays the same on every grant. A name
 * the spine already recorded wins (the person may have been renamed since).
 */
export function managedUserName(subject: GrantSubject): string {
  const recorded = subject.managedUser?.userName;
  if (recorded && IAM_USER_NAME.test(recorded)) return recorded;
  const local = (subject.userName.split("@")[0] ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9+=,.@_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32);
  const suffix = createHash("sha256").update(subject.personId).digest("hex").slice(0, 8);
  return local === "" ? `portcullis-${suffix}` : `portcullis-${local}-${suffix}`;
}
