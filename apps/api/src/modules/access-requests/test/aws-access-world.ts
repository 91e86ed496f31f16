import { createTestApp, type TestApp } from "../../../../test/app.ts";
import { type Callers, call, setUpCallers } from "../../../../test/fixtures.ts";
import type { GrantingHarness } from "../../../granting/testing/granting-harness.ts";
import { startAccessWorkers, TEST_SECRETS } from "./access-fixtures.ts";
import {
  type AwsPerson,
  ownerApprovedFlow,
  seedAwsIntegrations,
  seedAwsPeople,
  startSpineSandbox,
} from "./aws-access-fixtures.ts";

/** The access spine on the real granter and the sandbox, ready for requests. */
export type AwsAccessWorld = {
  t: TestApp;
  h: GrantingHarness;
  callers: Callers;
  /** By role name; `owner` owns both integrations' resources by their `owner` tag. */
  people: Record<string, AwsPerson>;
  jobs: Awaited<ReturnType<typeof startAccessWorkers>>;
  seeded: Awaited<ReturnType<typeof seedAwsIntegrations>>;
  close(): Promise<void>;
};

/**
 * What each test of access against AWS starts from: the sandbox with the granter, an app with its
 * callers, `people` (role name → Identity Center user index; one must be `owner`), the
 * organization and account integrations, a flow the resource owner approves, and the grant and
 * revoke workers on the app's queue.
 */
export async function startAwsAccessWorld(
  people: Record<string, number> & { owner: number },
  harness: Parameters<typeof startSpineSandbox>[0] = {},
): Promise<AwsAccessWorld> {
  const h = await startSpineSandbox(harness);
  let t: TestApp | undefined;
  try {
    t = await createTestApp(TEST_SECRETS);
    const callers = await setUpCallers(t.database.db);
    const seededPeople = await seedAwsPeople(t, people);
    const jobs = await startAccessWorkers(t, h.granter);
    const seeded = await seedAwsIntegrations(t, seededPeople.owner!.email);
    const flow = await call(t.app, callers.admin, {
      method: "POST",
      url: "/api/admin/v2/access-flows",
      payload: ownerApprovedFlow(seeded.org.name, seeded.account.name),
    });
    if (flow.statusCode !== 201) throw new Error(`creating the access flow: ${flow.statusCode} ${flow.body}`);
    const app = t;
    return {
      t: app,
      h,
      callers,
      people: seededPeople,
      jobs,
      seeded,
      close: async () => {
        await app.close();
        await h.close();
      },
    };
  } catch (error) {
    await t?.close();
    await h.close();
    throw error;
  }
}
