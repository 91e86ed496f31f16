import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobDelivery } from "../jobs/queue.ts";
import { runMaintenanceTick } from "./sync/maintenance.ts";
import { runSyncJob } from "./sync/sync-coordinator.ts";
import { type Harness, startHarness } from "./testing/discovery-harness.ts";
import { testScenario } from "./testing/test-scenario.ts";

// No workers here: the tests play the workers' part (or their death) by hand, then tick.
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ scenario: testScenario(), workers: false });
});
afterAll(async () => {
  await h?.close();
});

const delivery = (): JobDelivery => ({
  id: "by-hand",
  retryCount: 0,
  retryLimit: 3,
  lastAttempt: false,
  signal: new AbortController().signal,
});

/** Starts a fetch as the coordinator would: the run is running and its scope jobs are queued. */
async function startedFetch(types = ["aws-account-iam-role", "aws-account-iam-user"]) {
  const created = await h.createIntegration({ type: "aws-account", types });
  await runSyncJob(h.deps, created, delivery());
  const scopes = await h.db.syncScope.findMany({ where: { runId: created.runId } });
  expect(scopes).toHaveLength(types.length);
  return { ...created, scopes };
}

describe("the maintenance tick", () => {
  it("finishes a run past its deadline, with what it has, and cancels its jobs", async () => {
    const { integrationId, runId, scopes } = await startedFetch();
    await h.db.syncRun.update({ where: { id: runId }, data: { deadlineAt: new Date(Date.now() - 1000) } });

    const report = await runMaintenanceTick(h.deps);
    expect(report.deadlinesPassed).toEqual([runId]);
    const run = await h.db.syncRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ state: "failed", scopesFailed: 2, scopesDone: 0 });
    expect(run.errors).toEqual([
      expect.objectContaining({ code: "DeadlineExceeded", scope: "aws-account-iam-role" }),
      expect.objectContaining({ code: "DeadlineExceeded", scope: "aws-account-iam-user" }),
    ]);
    const integration = await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(integration).toMatchObject({ status: "Error", currentSyncRunId: null });
    expect(integration.statusMessage).toContain("did not finish within its deadline");
    expect(
      await h.queue.liveJobIds(
        "integration.sync-scope",
        scopes.map((s) => s.jobId!),
      ),
    ).toEqual(new Set());
  });

  it("fails the scopes whose job died, and finishes the run", async () => {
    const { integrationId, runId, scopes } = await startedFetch();
    // Both workers died on their last attempt: pg-boss marked the jobs failed.
    for (const scope of scopes) await h.queue.cancel("integration.sync-scope", scope.jobId!);

    const report = await runMaintenanceTick(h.deps);
    expect(report.deadScopes.sort()).toEqual(scopes.map((s) => s.id).sort());
    const run = await h.db.syncRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.state).toBe("failed");
    expect((run.errors as Array<{ code: string }>).map((e) => e.code)).toEqual(["WorkerLost", "WorkerLost"]);
    expect((await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } })).status).toBe("Error");
  });

  it("retries at once the scope jobs of a worker process that died, and keeps the run going", async () => {
    const { runId, scopes } = await startedFetch();
    // A worker took both scope jobs, then was killed: its record went silent a minute ago.
    const [worker] = await h.db.$queryRawUnsafe<Array<{ id: string }>>(
      `INSERT INTO job_workers (id, pid, host, last_seen_at)
       VALUES (gen_random_uuid(), 1, 'gone', now() - interval '1 minute') RETURNING id::text AS id`,
    );
    const jobIds = scopes.map((scope) => scope.jobId!);
    await h.db.$executeRawUnsafe(
      `UPDATE pgboss.job SET state = 'active', started_on = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`,
      jobIds,
    );
    await h.db.$executeRawUnsafe(
      `INSERT INTO job_claims (job_id, queue, attempt, worker_id)
       SELECT unnest($1::uuid[]), 'integration.sync-scope', 0, $2::uuid`,
      jobIds,
      worker!.id,
    );

    const report = await runMaintenanceTick(h.deps);
    expect(report.deadWorkerJobs.sort()).toEqual([...jobIds].sort());
    // Retries, not deaths: the scopes stay open for the next attempt, the run keeps running.
    expect(report.deadScopes).toEqual([]);
    const states = await h.db.$queryRawUnsafe<Array<{ state: string }>>(
      `SELECT state::text AS state FROM pgboss.job WHERE id = ANY($1::uuid[])`,
      jobIds,
    );
    expect(states.map((row) => row.state)).toEqual(["retry", "retry"]);
    expect((await h.db.syncRun.findUniqueOrThrow({ where: { id: runId } })).state).toBe("running");
    expect(await h.db.jobWorker.count({ where: { id: worker!.id } })).toBe(0);
  });

  it("fails a run whose coordinating job died before it started", async () => {
    const { integrationId, runId } = await h.createIntegration({
      type: "aws-account",
      types: ["aws-account-iam-role"],
    });
    const run = await h.db.syncRun.findUniqueOrThrow({ where: { id: runId } });
    await h.queue.cancel("integration.sync", run.jobId!);
    await h.db.syncRun.update({ where: { id: runId }, data: { createdAt: new Date(Date.now() - 60_000) } });

    const report = await runMaintenanceTick(h.deps);
    expect(report.deadRuns).toContain(runId);
    const integration = await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(integration.status).toBe("Error");
    expect(integration.statusMessage).toContain("The fetch stopped before it could start");
  });

  it("gives a fetch to an integration shown as Initializing or Refreshing without one", async () => {
    const connectorId = await h.createConnector();
    const orphan = await h.db.integration.create({
      data: {
        name: `orphan-${Date.now()}`,
        type: "aws-account",
        status: "Refreshing",
        connectorId,
        connectedResourceTypes: ["aws-account-iam-group"],
        integrationConfig: { region: "us-east-1" },
      },
    });
    const report = await runMaintenanceTick(h.deps);
    expect(report.recovered).toEqual([orphan.id]);
    const run = await h.db.syncRun.findFirstOrThrow({ where: { integrationId: orphan.id } });
    expect(run).toMatchObject({ trigger: "recovery", state: "queued" });
    expect(await h.queue.liveJobIds("integration.sync", [run.jobId!])).toEqual(new Set([run.jobId]));
    expect((await h.db.integration.findUniqueOrThrow({ where: { id: orphan.id } })).currentSyncRunId).toBe(
      run.id,
    );
    // A second tick sees the run and leaves it alone.
    expect((await runMaintenanceTick(h.deps)).recovered).toEqual([]);
  });

  it("starts the periodic fetch of integrations that are due, once", async () => {
    const connectorId = await h.createConnector();
    const due = await h.db.integration.create({
      data: {
        name: `due-${Date.now()}`,
        type: "aws-account",
        status: "Active",
        connectorId,
        connectedResourceTypes: ["aws-account-iam-group"],
        integrationConfig: { region: "us-east-1" },
        nextSyncAt: new Date(Date.now() - 1000),
      },
    });
    const [first, second] = await Promise.all([runMaintenanceTick(h.deps), runMaintenanceTick(h.deps)]);
    expect([...first.resyncs, ...second.resyncs]).toEqual([due.id]);
    const runs = await h.db.syncRun.findMany({ where: { integrationId: due.id } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: "scheduled", state: "queued" });
    expect((await h.db.integration.findUniqueOrThrow({ where: { id: due.id } })).status).toBe("Refreshing");
  });

  it("queues a check of connectors not checked lately", async () => {
    const connectorId = await h.createConnector();
    const report = await runMaintenanceTick(h.deps);
    expect(report.connectorChecks).toContain(connectorId);
    // Throttled per connector: the next tick does not queue another.
    expect((await runMaintenanceTick(h.deps)).connectorChecks).not.toContain(connectorId);
  });
});
