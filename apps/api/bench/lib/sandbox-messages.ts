import type { CallRecord } from "@portcullis/aws-sandbox";

/** What the benchmark learns from the sandbox's call log (computed in the sandbox's process). */
export type CallSummary = {
  total: number;
  throttled: number;
  /** Answers other than success, throttles and the expected "no tags" answers. */
  failed: number;
  byOperation: Record<string, { calls: number; throttled: number; failed: number }>;
  errorCodes: Record<string, number>;
  /** Calls whose target or caller is an account of `excluded`. */
  excludedCalls: number;
  excludedSample: CallRecord[];
  firstAt: number | null;
  lastAt: number | null;
};

export type ToSandbox = { type: "summary"; excluded: string[] } | { type: "reset" } | { type: "close" };

export type FromSandbox =
  | { type: "ready"; url: string; accessKeyId: string; secretAccessKey: string }
  | { type: "summary"; summary: CallSummary }
  | { type: "reset" }
  | { type: "error"; message: string };
