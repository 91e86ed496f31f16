import { randomBytes } from "node:crypto";
import type { CredentialSpec } from "../scenario/types.ts";
import { stableId } from "../world/stable-id.ts";
import type { WorldRole } from "../world/types.ts";
import type { Caller } from "./caller.ts";

export type Session = {
  readonly caller: Caller;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  expiresAt: number;
};

export type Resolution =
  | { readonly ok: true; readonly caller: Caller }
  | { readonly ok: false; readonly reason: "invalid" | "expired" };

const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
// Expired sessions are kept this long so callers get ExpiredToken rather than InvalidClientTokenId.
const EXPIRED_GRACE_MS = 6 * 3600_000;
const SWEEP_EVERY = 5000;

// Long-lived keys from the scenario plus the temporary ones AssumeRole hands out.
export class CredentialStore {
  private readonly base = new Map<string, Caller>();
  private readonly sessions = new Map<string, Session>();
  // Keys created by iam:CreateAccessKey; inactive ones are refused like unknown keys.
  private readonly userKeys = new Map<string, { caller: Caller; active: boolean }>();
  private issuedSinceSweep = 0;

  constructor(
    credentials: readonly CredentialSpec[],
    private readonly now: () => number,
  ) {
    for (const spec of credentials) {
      const arn = spec.arn ?? `arn:aws:iam::${spec.accountId}:user/sandbox`;
      this.base.set(spec.accessKeyId, {
        accessKeyId: spec.accessKeyId,
        accountId: spec.accountId,
        arn,
        userId: spec.userId ?? (arn.endsWith(":root") ? spec.accountId : stableId("AIDA", arn, 17)),
        sourceAccountId: spec.accountId,
        sourceArn: arn,
        denyActions: spec.denyActions ?? [],
      });
    }
  }

  resolve(accessKeyId: string, sessionToken: string | undefined): Resolution {
    const base = this.base.get(accessKeyId);
    if (base !== undefined) return { ok: true, caller: base };
    const userKey = this.userKeys.get(accessKeyId);
    if (userKey !== undefined) {
      return userKey.active ? { ok: true, caller: userKey.caller } : { ok: false, reason: "invalid" };
    }
    const session = this.sessions.get(accessKeyId);
    if (session === undefined || session.sessionToken !== sessionToken)
      return { ok: false, reason: "invalid" };
    if (session.expiresAt <= this.now()) return { ok: false, reason: "expired" };
    return { ok: true, caller: session.caller };
  }

  issue(source: Caller, role: WorldRole, sessionName: string, durationSeconds: number): Session {
    const accessKeyId = `ASIA${randomKey(16)}`;
    const caller: Caller = {
      accessKeyId,
      accountId: role.accountId,
      arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`,
      userId: `${role.id}:${sessionName}`,
      sourceAccountId: source.sourceAccountId,
      sourceArn: source.sourceArn,
      assumedRole: { roleArn: role.arn, sessionName },
      denyActions: role.denyActions,
    };
    const session: Session = {
      caller,
      secretAccessKey: randomBytes(30).toString("base64"),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(96).toString("base64")}`,
      expiresAt: this.now() + durationSeconds * 1000,
    };
    this.sessions.set(accessKeyId, session);
    if (++this.issuedSinceSweep >= SWEEP_EVERY) this.sweep();
    return session;
  }

  // A new long-lived key for an IAM user; the secret is returned once, as by CreateAccessKey.
  issueUserKey(user: { accountId: string; name: string; arn: string; id: string }): {
    accessKeyId: string;
    secretAccessKey: string;
  } {
    const accessKeyId = `AKIA${randomKey(16)}`;
    this.userKeys.set(accessKeyId, {
      active: true,
      caller: {
        accessKeyId,
        accountId: user.accountId,
        arn: user.arn,
        userId: user.id,
        sourceAccountId: user.accountId,
        sourceArn: user.arn,
        denyActions: [],
        iamUser: { accountId: user.accountId, name: user.name },
      },
    });
    return { accessKeyId, secretAccessKey: randomBytes(30).toString("base64").slice(0, 40) };
  }

  setUserKeyActive(accessKeyId: string, active: boolean): void {
    const key = this.userKeys.get(accessKeyId);
    if (key !== undefined) key.active = active;
  }

  revokeUserKey(accessKeyId: string): void {
    this.userKeys.delete(accessKeyId);
  }

  // Ends every temporary session now, e.g. to test a caller's handling of ExpiredToken.
  expireSessions(): void {
    const now = this.now();
    for (const session of this.sessions.values()) session.expiresAt = Math.min(session.expiresAt, now);
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    this.issuedSinceSweep = 0;
    const cutoff = this.now() - EXPIRED_GRACE_MS;
    for (const [key, session] of this.sessions) if (session.expiresAt < cutoff) this.sessions.delete(key);
  }
}

function randomKey(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += KEY_ALPHABET[byte % 32];
  return out;
}
