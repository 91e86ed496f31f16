import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import type { Caller } from "../auth/caller.ts";
import type { CredentialStore } from "../auth/credential-store.ts";
import type { CallLog, CallRecord } from "../calls/call-log.ts";
import type { FaultEngine } from "../faults/fault-engine.ts";
import { ApiError } from "../protocol/api-error.ts";
import { type Rendered, renderError } from "../protocol/render.ts";
import { errorCode, isThrottleCode, serviceError } from "../protocol/service-errors.ts";
import type { SandboxState } from "../state/sandbox-state.ts";
import type { World } from "../world/types.ts";
import { authenticate, precheck, runHandler, targetAccountOf } from "./dispatch.ts";
import { type IdentifiedRequest, identifyRequest } from "./identify-request.ts";
import type { Lifecycle } from "./lifecycle.ts";
import { readBody } from "./read-body.ts";
import { recordTrailEvent } from "./record-trail-event.ts";

export type HangInfo = { service: string; operation: string; accountId?: string };

export type RequestHandlerDeps = {
  world: World;
  credentials: CredentialStore;
  faults: FaultEngine;
  // AWS's own quotas (token buckets), checked before the injected faults.
  quotas: FaultEngine;
  state: SandboxState;
  log: CallLog;
  lifecycle: Lifecycle;
  clock: () => number;
  onCall: (record: CallRecord) => void;
  onHang: (info: HangInfo) => void;
};

export function createRequestHandler(deps: RequestHandlerDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(deps, req, res).catch((error: unknown) => {
      console.error("[aws-sandbox] request failed", error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
}

async function handle(deps: RequestHandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const at = deps.clock();
  const body = await readBody(req);
  const method = req.method ?? "GET";
  const url = req.url ?? "/";

  if (url === "/_sandbox/health") {
    send(res, { status: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' });
    return;
  }

  const request = identifyRequest(method, url, req.headers, body);
  if ("unknownService" in request) {
    send(res, {
      status: 400,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        __type: "UnknownServiceException",
        message: `The sandbox does not emulate ${request.unknownService}.`,
      }),
    });
    const entry = record(at, started, {
      service: "unknown",
      operation: request.unknownService,
      region: "",
      status: 400,
      errorCode: "UnknownServiceException",
    });
    deps.log.add(entry);
    deps.onCall(entry);
    return;
  }

  const requestId = randomUUID();
  const finish = (
    rendered: Rendered,
    caller: Caller | undefined,
    extra: {
      errorCode?: string;
      errorMessage?: string;
      targetAccountId?: string;
      throttled?: boolean;
      injectedDelayMs?: number;
      trailRequest?: Record<string, unknown>;
      trailResponse?: Record<string, unknown>;
    },
  ) => {
    // A client that gave up (e.g. during injected latency) never sees the answer.
    const delivered = send(res, rendered);
    const entry = record(at, started, {
      service: request.service,
      operation: request.operation,
      region: request.region,
      callerAccountId: caller?.sourceAccountId,
      callerArn: caller?.arn,
      targetAccountId: extra.targetAccountId,
      status: delivered ? rendered.status : 0,
      errorCode: delivered ? extra.errorCode : "ClientClosed",
      throttled: extra.throttled ?? isThrottleCode(extra.errorCode),
      injectedDelayMs: extra.injectedDelayMs,
    });
    deps.log.add(entry);
    deps.onCall(entry);
    if (caller !== undefined && delivered) {
      recordTrailEvent(deps, {
        request,
        caller,
        requestId,
        eventTime: at,
        errorCode: extra.errorCode,
        errorMessage: extra.errorMessage,
        sourceIPAddress: req.socket.remoteAddress ?? "127.0.0.1",
        userAgent: headerText(req.headers["user-agent"]),
        requestParameters: extra.trailRequest,
        responseElements: extra.trailResponse,
      });
    }
  };
  let injectedDelayMs: number | undefined;
  const fail = (error: ApiError, caller?: Caller, targetAccountId?: string, throttled?: boolean) =>
    finish(renderError(request.service, requestId, error), caller, {
      errorCode: error.code,
      errorMessage: error.message,
      targetAccountId,
      throttled,
      injectedDelayMs,
    });

  const caller = authenticate(request, deps.credentials);
  if (caller instanceof ApiError) return fail(caller);
  if (caller.iamUser !== undefined) {
    deps.state.iam.markUsed(caller.accessKeyId, at, request.service, request.region);
  }
  const target = targetAccountOf(request, caller);
  const refusal = precheck(request, caller, deps.world, deps.state);
  if (refusal !== undefined) return fail(refusal, caller, target);

  const faultRequest = {
    service: request.service,
    operation: request.operation,
    accountId: target,
    region: request.region,
    organizationId:
      deps.world.accounts.get(caller.accountId)?.parentId === undefined
        ? undefined
        : deps.world.organization?.id,
  };
  // Quotas are counted per caller account (AWS meters the account making the calls).
  const quota = deps.quotas.evaluate({ ...faultRequest, accountId: caller.accountId });
  if (quota.outcome?.kind === "throttle")
    return fail(serviceError(request.service, "throttle"), caller, target, true);

  const decision = deps.faults.evaluate(faultRequest);
  // 'close' fires once the response is sent or the connection drops, so single-flight
  // slots stay taken for as long as a call (hanging ones included) is outstanding.
  if (decision.release !== undefined) res.once("close", decision.release);
  if (decision.delayMs > 0) {
    injectedDelayMs = decision.delayMs;
    await deps.lifecycle.delay(decision.delayMs);
  }
  if (deps.lifecycle.closed) return;
  const outcome = decision.outcome;
  if (outcome?.kind === "hang") return hang(deps, request, caller, target, res, at, started);
  if (outcome?.kind === "throttle")
    return fail(serviceError(request.service, "throttle", outcome.message), caller, target, true);
  if (outcome?.kind === "error") return fail(injectedError(request, outcome), caller, target);

  const result = runHandler(request, caller, {
    world: deps.world,
    credentials: deps.credentials,
    state: deps.state,
    now: deps.clock,
    requestId,
    asyncFailure: outcome?.kind === "async-failure" ? { reason: outcome.reason } : undefined,
  });
  finish(result.rendered, caller, {
    errorCode: result.errorCode,
    errorMessage: result.errorMessage,
    targetAccountId: result.targetAccountId,
    injectedDelayMs,
    trailRequest: result.trailRequest,
    trailResponse: result.trailResponse,
  });
}

function injectedError(
  request: IdentifiedRequest,
  outcome: { code?: string; status?: number; message?: string },
): ApiError {
  const internal = serviceError(request.service, "internal");
  return new ApiError(
    outcome.code ?? errorCode(request.service, "internal"),
    outcome.message ?? internal.message,
    outcome.status ?? 500,
  );
}

// The response is never written; it ends when the client gives up or the sandbox closes.
function hang(
  deps: RequestHandlerDeps,
  request: IdentifiedRequest,
  caller: Caller,
  target: string,
  res: ServerResponse,
  at: number,
  started: number,
): void {
  deps.lifecycle.hang(res, () => {
    const entry = record(at, started, {
      service: request.service,
      operation: request.operation,
      region: request.region,
      callerAccountId: caller.sourceAccountId,
      callerArn: caller.arn,
      targetAccountId: target,
      status: 0,
      errorCode: "Hang",
    });
    deps.log.add(entry);
    deps.onCall(entry);
  });
  deps.onHang({ service: request.service, operation: request.operation, accountId: target });
}

const headerText = (value: string | string[] | undefined): string =>
  (Array.isArray(value) ? value[0] : value) ?? "";

function send(res: ServerResponse, rendered: Rendered): boolean {
  if (res.destroyed) return false;
  res.writeHead(rendered.status, { ...rendered.headers, "content-length": Buffer.byteLength(rendered.body) });
  res.end(rendered.body);
  return true;
}

function record(
  at: number,
  started: number,
  fields: Omit<CallRecord, "at" | "durationMs" | "throttled"> & { throttled?: boolean },
): CallRecord {
  return { ...fields, at, throttled: fields.throttled ?? false, durationMs: performance.now() - started };
}
