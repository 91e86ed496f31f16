// The AWS sandbox in a process of its own, so the worker's memory and CPU are the worker's alone.
// Started by lib/sandbox-client.ts with the organization size as JSON in argv[2]; talks over IPC.
import { type CallRecord, startSandbox } from "@portcullis/aws-sandbox";
import { buildScenario, type OrgSize, sandboxFaults } from "../suites/b1/scenario.ts";
import type { CallSummary, FromSandbox, ToSandbox } from "./sandbox-messages.ts";

const send = (message: FromSandbox) => process.send?.(message);

/** Answers that are part of a normal discovery (a bucket without tags), not failures. */
const EXPECTED_CODES = new Set(["NoSuchTagSet"]);

function summarize(records: readonly CallRecord[], excluded: ReadonlySet<string>): CallSummary {
  const summary: CallSummary = {
    total: records.length,
    throttled: 0,
    failed: 0,
    byOperation: {},
    errorCodes: {},
    excludedCalls: 0,
    excludedSample: [],
    firstAt: records[0]?.at ?? null,
    lastAt: records.at(-1)?.at ?? null,
  };
  for (const record of records) {
    const key = `${record.service}:${record.operation}`;
    const op = summary.byOperation[key] ?? { calls: 0, throttled: 0, failed: 0 };
    summary.byOperation[key] = op;
    op.calls++;
    if (record.throttled) {
      op.throttled++;
      summary.throttled++;
    } else if (record.status >= 400 || record.status === 0) {
      if (!EXPECTED_CODES.has(record.errorCode ?? "")) {
        op.failed++;
        summary.failed++;
      }
    }
    if (record.errorCode)
      summary.errorCodes[record.errorCode] = (summary.errorCodes[record.errorCode] ?? 0) + 1;
    const callerAccount = /::(\d{12}):/.exec(record.callerArn ?? "")?.[1];
    if (
      (record.targetAccountId && excluded.has(record.targetAccountId)) ||
      (callerAccount && excluded.has(callerAccount))
    ) {
      summary.excludedCalls++;
      if (summary.excludedSample.length < 5) summary.excludedSample.push(record);
    }
  }
  return summary;
}

const size = JSON.parse(process.argv[2] ?? "{}") as OrgSize;
const scenario = buildScenario(size);
// The call log holds far more calls than any run makes, so nothing is dropped from it.
const sandbox = await startSandbox({ scenario, faults: sandboxFaults(), seed: 1, maxCalls: 5_000_000 });

process.on("message", (message: ToSandbox) => {
  switch (message.type) {
    case "summary": {
      const records = sandbox.calls();
      send({ type: "summary", summary: summarize(records, new Set(message.excluded)) });
      return;
    }
    case "reset":
      sandbox.resetCalls();
      send({ type: "reset" });
      return;
    case "close":
      sandbox.close().finally(() => process.exit(0));
  }
});
process.on("disconnect", () => {
  sandbox.close().finally(() => process.exit(0));
});
const credential = scenario.credentials[0]!;
send({
  type: "ready",
  url: sandbox.url,
  accessKeyId: credential.accessKeyId,
  secretAccessKey: credential.secretAccessKey,
});
