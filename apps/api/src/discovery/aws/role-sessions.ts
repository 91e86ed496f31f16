import type { AwsClients, AwsCredentials, AwsIdentity } from "./aws-clients.ts";
import { sdk } from "./sdk.ts";

/** Sessions are renewed this long before they expire, so no call starts on a dying one. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const SESSION_NAME = "portcullis-discovery";

type Session = { credentials: AwsCredentials; expiresAt: number };
type Entry = { identity: AwsIdentity; session?: Session; pending?: Promise<Session> };

export function accountOfRoleArn(roleArn: string): string | undefined {
  return /^arn:aws[\w-]*:iam::(\d{12}):role\//.exec(roleArn)?.[1];
}

export function roleNameOfArn(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf("/") + 1);
}

export type AssumeOptions = { externalId?: string; region: string; signal?: AbortSignal };

/**
 * Assumed-role sessions, cached for their lifetime and renewed before they expire. The
 * first AssumeRole happens eagerly, so a role that cannot be assumed fails where it is asked
 * for, with AWS's own error; afterwards the SDK renews through the identity's provider.
 */
export class RoleSessions {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly aws: AwsClients) {}

  private static keyOf(source: AwsIdentity, roleArn: string, externalId: string | undefined): string {
    return `${source.key}>${roleArn}#${externalId ?? ""}`;
  }

  /** Drops the cached session, so the next `assume` really calls AssumeRole (a connector check). */
  forget(source: AwsIdentity, roleArn: string, externalId?: string): void {
    const entry = this.entries.get(RoleSessions.keyOf(source, roleArn, externalId));
    if (entry) entry.session = undefined;
  }

  clear(): void {
    this.entries.clear();
  }

  async assume(source: AwsIdentity, roleArn: string, options: AssumeOptions): Promise<AwsIdentity> {
    const key = RoleSessions.keyOf(source, roleArn, options.externalId);
    let entry = this.entries.get(key);
    if (!entry) {
      const created: Entry = {
        identity: {
          key,
          root: source.root,
          accountId: accountOfRoleArn(roleArn),
          roleArn,
          credentials: async () =>
            (await this.fresh(created, source, roleArn, { ...options, signal: undefined })).credentials,
        },
      };
      entry = created;
      this.entries.set(key, entry);
    }
    await this.fresh(entry, source, roleArn, options);
    return entry.identity;
  }

  private async fresh(
    entry: Entry,
    source: AwsIdentity,
    roleArn: string,
    options: AssumeOptions,
  ): Promise<Session> {
    if (entry.session && entry.session.expiresAt - REFRESH_MARGIN_MS > Date.now()) return entry.session;
    entry.pending ??= this.request(source, roleArn, options).then(
      (session) => {
        entry.session = session;
        entry.pending = undefined;
        return session;
      },
      (error: unknown) => {
        entry.pending = undefined;
        throw error;
      },
    );
    return entry.pending;
  }

  private async request(source: AwsIdentity, roleArn: string, options: AssumeOptions): Promise<Session> {
    const [sts, { AssumeRoleCommand }] = await Promise.all([
      this.aws.get("sts", source, options.region),
      sdk.sts(),
    ]);
    const response = await sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: SESSION_NAME,
        DurationSeconds: this.aws.config.sessionSeconds,
        ...(options.externalId ? { ExternalId: options.externalId } : {}),
      }),
      { abortSignal: options.signal },
    );
    const c = response.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey)
      throw new Error(`AssumeRole of ${roleArn} returned no credentials`);
    const expiration = c.Expiration ?? new Date(Date.now() + this.aws.config.sessionSeconds * 1000);
    return {
      credentials: {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration,
      },
      expiresAt: expiration.getTime(),
    };
  }
}

export type CallerIdentity = { accountId: string; arn: string };

/** sts:GetCallerIdentity: the account and ARN the credentials act as. */
export async function getCallerIdentity(
  aws: AwsClients,
  identity: AwsIdentity,
  region: string,
  signal?: AbortSignal,
): Promise<CallerIdentity> {
  const [sts, { GetCallerIdentityCommand }] = await Promise.all([
    aws.get("sts", identity, region),
    sdk.sts(),
  ]);
  const response = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
  if (!response.Account || !response.Arn) throw new Error("GetCallerIdentity returned no account");
  return { accountId: response.Account, arn: response.Arn };
}
