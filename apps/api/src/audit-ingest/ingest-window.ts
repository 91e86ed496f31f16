// Which span of CloudTrail one pass reads for a grant, and when there is nothing left to read.

/** CloudTrail keeps management events for 90 days: LookupEvents never reads further back. */
export const CLOUDTRAIL_RETENTION_MS = 90 * 24 * 3600_000;

export type WindowInput = {
  grantedAt: Date;
  /** When the grant ended (revoked or expired); null while it is live. */
  endedAt: Date | null;
  /** The end of the last window read, or null before the first pass. */
  readUntil: Date | null;
  now: Date;
  /** CloudTrail's delivery delay: an event shows in LookupEvents up to this long after its time. */
  deliveryDelayMs: number;
};

export type IngestWindow = {
  start: Date;
  end: Date /** True when this pass is the last one needed. */;
  final: boolean;
};

/**
 * The next span to read, or null when there is none (nothing to read yet). Each pass starts
 * one delivery delay before where the last one ended: events of that span may have arrived
 * since (a re-read; storage is idempotent by event id). Once the grant ended and the delay has
 * passed after it, this pass sees everything there will ever be, so it is the final one.
 * Never before CloudTrail's 90-day window: turning audit on does not invent older activity.
 */
export function nextWindow(input: WindowInput): IngestWindow | null {
  const now = input.now.getTime();
  const oldest = now - CLOUDTRAIL_RETENTION_MS;
  const granted = input.grantedAt.getTime();
  const ended = input.endedAt?.getTime() ?? null;
  const end = Math.min(now, ended ?? now);
  const resume = input.readUntil ? input.readUntil.getTime() - input.deliveryDelayMs : granted;
  const start = Math.max(granted, resume, oldest);
  const final = ended !== null && now >= ended + input.deliveryDelayMs;
  if (end < start) return final ? { start: new Date(end), end: new Date(end), final } : null;
  return { start: new Date(start), end: new Date(end), final };
}
