import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, silentLogger, type TestApp } from "../../../test/app.ts";
import { secretBox } from "../../lib/secret-box.ts";
import { accessJobs, expiryPriority } from "./access-jobs.ts";
import { recordingGranter, TEST_SECRETS, until } from "./test/access-fixtures.ts";

// The sweeper (issue #18 §3/§6): revokes come due in expires_at order, and a revoke already due
// (its delayed job) is not queued twice, while one whose delayed job is lost or still waits for an
// older expires_at is.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp(TEST_SECRETS);
});
afterAll(() => t?.close());

const secondsAgo = (s: number) => new Date(Date.now() - s * 1000);

async function grantedRequest(expiresAt: Date): Promise<string> {
  const request = await t.database.db.accessRequest.create({
    data: {
      requesterEmail: "sweep@example.com",
      granteeEmail: "sweep@example.com",
      flowSnapshot: {},
      durationSec: 3600,
      status: "GRANTED",
      grantedAt: secondsAgo(3600),
      expiresAt,
    },
  });
  return request.id;
}

describe("the expiry sweeper", () => {
  it("queues only revokes not already due, and due revokes are taken in expires_at order", async () => {
    const jobs = accessJobs({
      db: t.database.db,
      queue: t.queue,
      logger: silentLogger,
      granter: recordingGranter().granter,
      secrets: secretBox({ secretsKey: t.config.SECRETS_KEY, dataDir: t.config.DATA_DIR }),
    });
    const earliest = secondsAgo(30);
    const middle = secondsAgo(20);
    const latest = secondsAgo(10);
    // Granted first, expiring in the middle: its delayed revoke is due and waiting.
    const due = await grantedRequest(middle);
    await t.queue.send(
      "access.revoke",
      { requestId: due, ending: "EXPIRED" },
      { singletonKey: `expire:${due}`, startAfter: middle, priority: expiryPriority(middle) },
    );
    // Its delayed revoke still waits for the expires_at it had before it was moved earlier.
    const moved = await grantedRequest(latest);
    await t.queue.send(
      "access.revoke",
      { requestId: moved, ending: "EXPIRED" },
      { singletonKey: `expire:${moved}`, startAfter: new Date(Date.now() + 3600_000) },
    );
    // Its delayed revoke was lost.
    const lost = await grantedRequest(earliest);

    const swept = await jobs.sweep();
    expect(swept.expired).toEqual([lost, moved]);
    // A second tick while they wait queues nothing again.
    expect((await jobs.sweep()).expired).toEqual([]);

    // One at a time, as pg-boss hands them out: by expires_at, not by when they were queued.
    const order: string[] = [];
    await t.queue.work(
      "access.revoke",
      async (payload) => {
        order.push(payload.requestId);
      },
      { concurrency: 1, pollingIntervalMs: 50 },
    );
    await until(async () => order.length === 3);
    expect(order).toEqual([lost, due, moved]);
  });
});
