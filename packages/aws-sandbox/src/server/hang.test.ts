import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallRecord } from "../calls/call-log.ts";
import { clientConfig } from "../test-support/clients.ts";
import { testScenario } from "../test-support/test-scenario.ts";
import { type Sandbox, startSandbox } from "./start-sandbox.ts";

const next = <E extends "call" | "hang">(sandbox: Sandbox, event: E) =>
  new Promise<E extends "call" ? CallRecord : unknown>((resolve) => {
    const off = sandbox.on(event, (payload) => {
      off();
      resolve(payload as E extends "call" ? CallRecord : unknown);
    });
  });

describe("hanging requests", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      scenario: testScenario(),
      faults: [{ type: "hang", service: "sts", count: 2 }],
    });
  });
  afterAll(() => sandbox.close());

  it("never answers until the client aborts, then logs the call", async () => {
    const sts = new STSClient(clientConfig(sandbox, { maxAttempts: 1 }));
    const controller = new AbortController();
    const hung = next(sandbox, "hang");
    const pending = sts.send(new GetCallerIdentityCommand({}), { abortSignal: controller.signal });
    await hung;
    expect(sandbox.hangingCount()).toBe(1);
    const logged = next(sandbox, "call");
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(await logged).toMatchObject({
      service: "sts",
      operation: "GetCallerIdentity",
      status: 0,
      errorCode: "Hang",
    });
    expect(sandbox.hangingCount()).toBe(0);
  });

  it("times out on the client's request timeout", async () => {
    const sts = new STSClient({
      ...clientConfig(sandbox, { maxAttempts: 1 }),
      requestHandler: { requestTimeout: 100, throwOnRequestTimeout: true },
    });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("logs a call whose client gave up during injected latency as ClientClosed", async () => {
    const own = await startSandbox({ scenario: testScenario(), faults: [{ type: "latency", ms: 150 }] });
    try {
      const sts = new STSClient({
        ...clientConfig(own, { maxAttempts: 1 }),
        requestHandler: { requestTimeout: 30, throwOnRequestTimeout: true },
      });
      const logged = next(own, "call");
      await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
        name: "TimeoutError",
      });
      expect(await logged).toMatchObject({
        operation: "GetCallerIdentity",
        status: 0,
        errorCode: "ClientClosed",
      });
    } finally {
      await own.close();
    }
  });

  it("close() cuts hanging requests short", async () => {
    const own = await startSandbox({ scenario: testScenario(), faults: [{ type: "hang" }] });
    const sts = new STSClient(clientConfig(own, { maxAttempts: 1 }));
    const hung = next(own, "hang");
    const pending = sts.send(new GetCallerIdentityCommand({}));
    await hung;
    await own.close();
    await expect(pending).rejects.toBeInstanceOf(Error);
  });
});
