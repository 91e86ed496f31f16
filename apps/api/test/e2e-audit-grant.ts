// For the Activity e2e (e2e/tests/activity.spec.ts), run with tsx against the app that e2e's
// global setup started: makes a real grant in its AWS sandbox with granting/'s AwsAccessGranter
// (an IAM role of the integration's account, through the integration's own connector), records it
// in the app's database as the access spine stores a GRANTED request (the spine's grant path is
// not merged in this branch), then uses the granted access key: one allowed call, one allowed
// AssumeRole and one refused. Prints { requestId, personName } as JSON.
//
//   node --import tsx apps/api/test/e2e-audit-grant.ts <DATA_DIR> <integration id> <role ARN>
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { DEMO_SCENARIO_PATH, loadScenario } from "@portcullis/aws-sandbox";
import { seedGrant } from "../src/audit-ingest/testing/audit-fixtures.ts";
import { runningEmbeddedDatabaseUrl } from "../src/db/embedded-postgres.ts";
import { createPrisma } from "../src/db/prisma.ts";
import { createDiscoveryRuntime } from "../src/discovery/runtime.ts";
import { AwsAccessGranter, buildGrantContext, type GrantTarget } from "../src/granting/index.ts";

const [dataDir, integrationId, roleArn] = process.argv.slice(2);
if (!dataDir || !integrationId || !roleArn)
  throw new Error("Usage: e2e-audit-grant.ts <DATA_DIR> <integration id> <role ARN>");

const sandbox = JSON.parse(await readFile(join(dataDir, "aws-sandbox.json"), "utf8")) as { url: string };
const base = loadScenario(DEMO_SCENARIO_PATH).credentials[0]!;
Object.assign(process.env, {
  AWS_ENDPOINT_URL: sandbox.url,
  AWS_REGION: "us-east-1",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_ACCESS_KEY_ID: base.accessKeyId,
  AWS_SECRET_ACCESS_KEY: base.secretAccessKey,
});
const url = await runningEmbeddedDatabaseUrl(dataDir);
if (!url) throw new Error(`No running embedded PostgreSQL in ${dataDir}`);
const db = createPrisma(url, 2);
const runtime = createDiscoveryRuntime();
try {
  const integration = await db.integration.findUniqueOrThrow({
    where: { id: integrationId },
    include: { connector: true },
  });
  const ctx = buildGrantContext({
    integrationId,
    type: integration.type,
    integrationConfig: integration.integrationConfig,
    connector: integration.connector,
  });
  // A demo person receives the role.
  const person = await db.identityPerson.findFirstOrThrow({
    where: { active: true, deletedAt: null },
    orderBy: { userName: "asc" },
  });
  const accountId = roleArn.split(":")[4]!;
  const target: GrantTarget = { kind: "iam-role", accountId, roleArn };
  const subject = { personId: person.id, email: person.email ?? person.userName, userName: person.userName };
  const outcome = await new AwsAccessGranter(runtime).grant(ctx, subject, target);
  if (outcome.status !== "granted" || !outcome.detail.accessKey)
    throw new Error(`grant: ${JSON.stringify(outcome)}`);
  const grant = await seedGrant(db, {
    integration: { integrationId, connectorId: integration.connectorId ?? "" },
    integrationName: integration.name,
    personId: person.id,
    email: subject.email,
    target,
    detail: outcome.detail,
    grantedAt: new Date(),
  });

  const sts = new STSClient({ region: "us-east-1", credentials: outcome.detail.accessKey, maxAttempts: 1 });
  await sts.send(new GetCallerIdentityCommand({}));
  await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "e2e-audit" }));
  const refused = `arn:aws:iam::${accountId}:role/PortcullisNotGranted`;
  await sts.send(new AssumeRoleCommand({ RoleArn: refused, RoleSessionName: "e2e-audit" })).catch(() => {});
  process.stdout.write(
    `${JSON.stringify({ requestId: grant.requestId, personName: person.displayName ?? person.userName, roleArn })}\n`,
  );
} finally {
  runtime.close();
  await db.$disconnect();
}
