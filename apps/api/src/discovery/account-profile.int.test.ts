import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/discovery-harness.ts";
import { MGMT, REGION, testScenario } from "./testing/test-scenario.ts";

// An account integration's "AWS Profile Name" picks a profile of the shared AWS files of the
// host; the process's own credentials (the environment here) are the default.
const PROFILE_KEY = { accessKeyId: "AKIATESTPROFILE", secretAccessKey: "test-profile-secret" };
const PROFILE_USER = `arn:aws:iam::${MGMT}:user/profile-user`;

let h: Harness;
let awsDir: string;
const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };

beforeAll(async () => {
  awsDir = await mkdtemp(join(tmpdir(), "portcullis-aws-profiles-"));
  await writeFile(join(awsDir, "config"), `[profile ops]\nregion = ${REGION}\n`);
  await writeFile(
    join(awsDir, "credentials"),
    `[ops]\naws_access_key_id = ${PROFILE_KEY.accessKeyId}\naws_secret_access_key = ${PROFILE_KEY.secretAccessKey}\n`,
  );
  process.env.AWS_CONFIG_FILE = join(awsDir, "config");
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(awsDir, "credentials");
  const scenario = testScenario();
  scenario.credentials = [
    ...(scenario.credentials ?? []),
    { ...PROFILE_KEY, accountId: MGMT, arn: PROFILE_USER },
  ];
  h = await startHarness({ scenario });
});
afterAll(async () => {
  await h?.close();
  await rm(awsDir, { recursive: true, force: true });
  for (const [name, value] of [
    ["AWS_CONFIG_FILE", saved.config],
    ["AWS_SHARED_CREDENTIALS_FILE", saved.credentials],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function fetchWithProfile(profile: string | undefined) {
  h.sandbox.resetCalls();
  const { integrationId, runId } = await h.createIntegration({
    type: "aws-account",
    types: ["aws-account-iam-role"],
    config: { region: REGION, ...(profile === undefined ? {} : { profile }) },
  });
  const run = await h.waitForRun(runId);
  const integration = await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
  // The connector's role is assumed from the starting credentials: who called AssumeRole.
  const callers = new Set(h.sandbox.calls({ operation: "AssumeRole" }).map((call) => call.callerArn));
  return { run, integration, callers };
}

describe("an account integration's AWS profile", () => {
  it("signs every call with the named profile's credentials", async () => {
    const { run, callers } = await fetchWithProfile("ops");
    expect(run.state).toBe("succeeded");
    expect(run.resourcesFound).toBeGreaterThan(0);
    expect([...callers]).toEqual([PROFILE_USER]);
  });

  it("uses the process's credentials when the field is empty, or names the absent default apono", async () => {
    for (const profile of [undefined, "", "apono"]) {
      const { run, callers } = await fetchWithProfile(profile);
      expect(run.state).toBe("succeeded");
      expect([...callers]).toEqual([`arn:aws:iam::${MGMT}:user/portcullis`]);
    }
  });

  it("fails the fetch with the fix when a named profile does not exist on the host", async () => {
    const { run, integration, callers } = await fetchWithProfile("staging");
    expect(run.state).toBe("failed");
    expect(integration.status).toBe("Error");
    expect(integration.statusMessage).toContain('The AWS profile "staging" is not defined');
    expect(integration.statusMessage).toContain("[profile staging]");
    expect(callers.size).toBe(0);
    expect(h.sandbox.calls()).toEqual([]);
  });
});
