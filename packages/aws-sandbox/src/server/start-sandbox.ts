import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { CredentialStore } from "../auth/credential-store.ts";
import { type SsoCredentials, type SsoSignIn, ssoSignIn } from "../auth/sso-sign-in.ts";
import { type CallFilter, CallLog, type CallRecord } from "../calls/call-log.ts";
import { AWS_QUOTAS } from "../faults/aws-quotas.ts";
import { FaultEngine } from "../faults/fault-engine.ts";
import type { FaultRule, RateLimitFault } from "../faults/types.ts";
import { loadScenario } from "../scenario/load-scenario.ts";
import { mulberry32 } from "../scenario/prng.ts";
import type { CredentialSpec, Scenario } from "../scenario/types.ts";
import type { AssignmentTiming } from "../state/assignment-store.ts";
import { createState, type SandboxState } from "../state/sandbox-state.ts";
import { buildWorld } from "../world/build-world.ts";
import type { World } from "../world/types.ts";
import { createRequestHandler, type HangInfo } from "./handle-request.ts";
import { Lifecycle } from "./lifecycle.ts";

export type SandboxOptions = {
  // A scenario object, or the path of a scenario JSON file.
  scenario: Scenario | string;
  // 0 picks a free port. Default 0.
  port?: number;
  host?: string;
  faults?: FaultRule[];
  // Seeds the randomness of probabilistic faults and latency ranges, for repeatable runs.
  seed?: number;
  // Milliseconds since the epoch; inject to test credential expiry without waiting.
  clock?: () => number;
  // Call log capacity before the oldest records are dropped. Default 250,000.
  maxCalls?: number;
  // AWS's request quotas as token buckets; default AWS_QUOTAS, [] lifts them.
  quotas?: readonly RateLimitFault[];
  // When account assignment operations leave IN_PROGRESS. Default: on the second
  // Describe…Status poll or after 2 s, whichever comes first; at most 10 outstanding.
  assignmentTiming?: AssignmentTiming;
  // CloudTrail's delivery delay before LookupEvents shows an event. Default 5000 ms.
  cloudTrailDelayMs?: number;
};

export type SandboxEvents = { call: CallRecord; hang: HangInfo };

export type Sandbox = {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly scenario: Scenario;
  readonly world: World;
  // What calls have changed: memberships, assignments, IAM users and keys, CloudTrail events.
  readonly state: SandboxState;
  // The scenario's long-lived credentials, for configuring clients.
  readonly credentials: readonly CredentialSpec[];
  close(): Promise<void>;
  setFaults(rules: FaultRule[]): void;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  faults(): FaultRule[];
  calls(filter?: CallFilter): CallRecord[];
  callCount(filter?: CallFilter): number;
  calledAccounts(filter?: CallFilter): string[];
  callCounts(): Record<string, number>;
  resetCalls(): void;
  // Ends every AssumeRole session now: later calls with them get ExpiredToken.
  expireSessions(): void;
  hangingCount(): number;
  // Signs an Identity Center user in to an account with a permission set, as the access
  // portal does: session credentials of its AWSReservedSSO_… role, only while assigned.
  signInWithSso(request: SsoSignIn): SsoCredentials;
  on<E extends keyof SandboxEvents>(event: E, listener: (payload: SandboxEvents[E]) => void): () => void;
};

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const scenario = loadScenario(options.scenario);
  const world = buildWorld(scenario);
  const clock = options.clock ?? Date.now;
  const random = options.seed === undefined ? Math.random : mulberry32(options.seed);
  const credentials = new CredentialStore(scenario.credentials, clock);
  const faults = new FaultEngine(options.faults ?? [], random, clock);
  const quotas = new FaultEngine(options.quotas ?? AWS_QUOTAS, random, clock);
  const state = createState(scenario, world, clock, {
    assignmentTiming: options.assignmentTiming,
    cloudTrailDelayMs: options.cloudTrailDelayMs,
  });
  const log = new CallLog(options.maxCalls);
  const lifecycle = new Lifecycle();
  const listeners = { call: new Set<(p: CallRecord) => void>(), hang: new Set<(p: HangInfo) => void>() };

  const server = createServer(
    createRequestHandler({
      world,
      credentials,
      faults,
      quotas,
      state,
      log,
      lifecycle,
      clock,
      onCall: (record) => {
        for (const listener of listeners.call) listener(record);
      },
      onHang: (info) => {
        for (const listener of listeners.hang) listener(info);
      },
    }),
  );
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    host,
    scenario,
    world,
    state,
    credentials: scenario.credentials,
    close: () =>
      new Promise<void>((resolve, reject) => {
        lifecycle.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    setFaults: (rules) => faults.set(rules),
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.set([]),
    faults: () => faults.rules(),
    calls: (filter) => log.query(filter),
    callCount: (filter) => log.count(filter),
    calledAccounts: (filter) => log.accounts(filter),
    callCounts: () => log.countsByOperation(),
    resetCalls: () => log.reset(),
    expireSessions: () => credentials.expireSessions(),
    hangingCount: () => lifecycle.hangingCount,
    signInWithSso: (request) => ssoSignIn(world, state, credentials, request),
    on: (event, listener) => {
      const set = listeners[event] as Set<typeof listener>;
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
