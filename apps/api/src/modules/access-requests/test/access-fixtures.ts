import type { TestApp } from "../../../../test/app.ts";
import { silentLogger } from "../../../../test/app.ts";
import { type Caller, createAccount, seedConnector, sessionCaller } from "../../../../test/fixtures.ts";
import type { AccessGranter, GrantSubject, GrantTarget } from "../../../granting/index.ts";
import { targetKey } from "../../../granting/index.ts";
import { secretBox } from "../../../lib/secret-box.ts";
import { randomToken } from "../../../lib/tokens.ts";
import { accessJobs } from "../access-jobs.ts";

/** A granter that records every call and keeps "AWS" as a set of (person, targetKey). */
export function recordingGranter() {
  const calls: Array<{ op: "grant" | "revoke"; personId: string; key: string }> = [];
  const present = new Set<string>();
  const keysMade = new Set<string>();
  let failNext: { reason: string; fix: string } | null = null;
  const granter: AccessGranter = {
    async grant(_ctx, subject: GrantSubject, target: GrantTarget) {
      calls.push({ op: "grant", personId: subject.personId, key: targetKey(target) });
      if (failNext) {
        const failure = failNext;
        failNext = null;
        return { status: "failed", ...failure, retryable: false };
      }
      present.add(`${subject.personId}|${targetKey(target)}`);
      if (target.kind === "sso-account-assignment" || target.kind === "identity-center-group")
        return { status: "granted", detail: { identityCenterUserId: `idc-${subject.userName}` } };
      const userKey = `${subject.personId}|${target.accountId}`;
      const first = !keysMade.has(userKey);
      keysMade.add(userKey);
      return {
        status: "granted",
        detail: {
          managedUserName: `portcullis-${subject.userName.split("@")[0]}`,
          managedUserArn: `arn:aws:iam::${target.accountId}:user/portcullis/${subject.userName.split("@")[0]}`,
          ...(first
            ? {
                accessKey: {
                  accessKeyId: `AKIA${randomToken(8)}`,
                  secretAccessKey: `secret-${randomToken(12)}`,
                },
              }
            : {}),
        },
      };
    },
    async revoke(_ctx, subject, target) {
      calls.push({ op: "revoke", personId: subject.personId, key: targetKey(target) });
      present.delete(`${subject.personId}|${targetKey(target)}`);
      return { status: "revoked" };
    },
    async isPresent(_ctx, subject, target) {
      return present.has(`${subject.personId}|${targetKey(target)}`);
    },
  };
  return {
    granter,
    calls,
    present,
    failNextGrant(reason: string, fix: string) {
      failNext = { reason, fix };
    },
  };
}

/** The grant and revoke jobs on the test's real pg-boss queue, with the recording granter. */
/** SECRETS_KEY for test apps whose workers seal access keys. */
export const TEST_SECRETS = { SECRETS_KEY: "test-secrets-key-for-access-requests-0123456789" };

export async function startAccessWorkers(t: TestApp, granter: AccessGranter) {
  const jobs = accessJobs({
    db: t.database.db,
    queue: t.queue,
    logger: silentLogger,
    granter,
    // The app's own key, so the API opens what the worker sealed.
    secrets: secretBox({ secretsKey: t.config.SECRETS_KEY, dataDir: t.config.DATA_DIR }),
  });
  await t.queue.work("access.grant", jobs.grant, { pollingIntervalMs: 100 });
  await t.queue.work("access.revoke", jobs.revoke, { pollingIntervalMs: 100 });
  return jobs;
}

/** Polls until `check` returns a value (no wall-clock limit of its own: the test's timeout bounds it). */
export async function until<T>(check: () => Promise<T | undefined | null | false>): Promise<T> {
  for (;;) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export type Person = { id: string; email: string; caller: Caller; userId: string };

/** A built-in source with people, each with a Portcullis account (matched by email) and a session. */
export async function seedPeople(t: TestApp, names: string[]) {
  const suffix = randomToken(4)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "x");
  const source = await t.database.db.identitySource.create({
    data: { name: `Staff ${suffix}`, type: "built_in", status: "active" },
  });
  const people: Record<string, Person> = {};
  for (const name of names) {
    const email = `${name}-${suffix}@corp.test`;
    const person = await t.database.db.identityPerson.create({
      data: { sourceId: source.id, userName: email, userNameKey: email, email },
    });
    const account = await createAccount(t.database.db, email, "user");
    people[name] = {
      id: person.id,
      email,
      caller: await sessionCaller(t.database.db, account.id, name),
      userId: account.id,
    };
  }
  return { source, people };
}

/** An AWS account integration with roles and a bucket; owners from the `owner` tag, else `fallbackOwner`. */
export async function seedAccountIntegration(
  t: TestApp,
  options: { fallbackOwner?: string; customAccessDetails?: string },
) {
  const connector = await seedConnector(t.database.db);
  const integration = await t.database.db.integration.create({
    data: {
      name: `Prod ${randomToken(5).replace(/[^A-Za-z0-9]/g, "x")}`,
      type: "aws-account",
      status: "Active",
      connectorId: connector.id,
      connectedResourceTypes: ["aws-account-iam-role", "aws-account-s3-bucket"],
      integrationConfig: { region: "eu-west-1" },
      customAccessDetails: options.customAccessDetails ?? null,
      ownersMapping: { key_name: "owner", attribute_type: "email", source_integration_reference: null },
      owner: options.fallbackOwner
        ? {
            attribute_type: "user",
            attribute_value: [options.fallbackOwner],
            source_integration_reference: null,
          }
        : undefined,
    },
  });
  const resource = (name: string, type: string, tags: Record<string, string>) =>
    t.database.db.resource.create({
      data: {
        integrationId: integration.id,
        type,
        externalId: type.endsWith("role") ? `arn:aws:iam::111122223333:role/${name}` : `arn:aws:s3:::${name}`,
        name,
        accountId: "111122223333",
        region: null,
        tags,
      },
    });
  return { integration, connector, resource };
}
