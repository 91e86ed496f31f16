// The role session an AssumeRole event started, read from CloudTrail's record of it: the link
// from a managed IAM user's key to the temporary key (ASIA…) its later calls carry.

/** A role session started by sts:AssumeRole. */
export type IssuedSession = {
  accessKeyId: string;
  /** Where the session's calls are logged: the role's account. */
  accountId: string;
  roleArn: string | null;
  sessionArn: string | null;
  issuedAt: Date;
  expiresAt: Date;
};

/** STS's longest role session: the bound when CloudTrail's expiration cannot be read. */
const MAX_SESSION_MS = 12 * 3600_000;

export type AssumeRoleDetail = {
  requestParameters?: { roleArn?: unknown } | null;
  responseElements?: {
    credentials?: { accessKeyId?: unknown; expiration?: unknown };
    assumedRoleUser?: { arn?: unknown };
  } | null;
};

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/**
 * CloudTrail writes responseElements' timestamps as "Jul 19, 2023, 10:15:04 PM" in UTC with no
 * zone (some records use ISO 8601): read as UTC whatever the server's time zone.
 */
export function parseResponseTime(value: unknown): Date | null {
  const raw = text(value);
  if (raw === null) return null;
  const zoned = /(?:Z|[+-]\d\d:?\d\d)$/.test(raw) ? raw : `${raw} UTC`;
  const time = new Date(zoned);
  return Number.isNaN(time.getTime()) ? null : time;
}

/** Account id of an ARN (arn:aws:sts::<acct>:assumed-role/… or arn:aws:iam::<acct>:role/…). */
const accountOf = (arn: string | null): string | null => {
  const account = arn?.split(":")[4];
  return account && /^\d{12}$/.test(account) ? account : null;
};

/** The session a successful AssumeRole event issued, or null for any other event. */
export function issuedSessionOf(
  event: { eventName: string; eventTime: Date; errorCode: string | null },
  detail: AssumeRoleDetail,
): IssuedSession | null {
  if (event.eventName !== "AssumeRole" || event.errorCode !== null) return null;
  const accessKeyId = text(detail.responseElements?.credentials?.accessKeyId);
  if (accessKeyId === null) return null;
  const sessionArn = text(detail.responseElements?.assumedRoleUser?.arn);
  const roleArn = text(detail.requestParameters?.roleArn);
  const accountId = accountOf(sessionArn) ?? accountOf(roleArn);
  if (accountId === null) return null;
  const expiration = parseResponseTime(detail.responseElements?.credentials?.expiration);
  // CloudTrail's format drops the milliseconds: the second after it bounds the session.
  const expiresAt =
    expiration === null
      ? new Date(event.eventTime.getTime() + MAX_SESSION_MS)
      : new Date(expiration.getTime() + 1000);
  return { accessKeyId, accountId, roleArn, sessionArn, issuedAt: event.eventTime, expiresAt };
}
