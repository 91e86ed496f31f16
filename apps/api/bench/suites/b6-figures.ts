import { type Figure, fmt } from "../lib/report.ts";
import type { AccessBenchResult, Phase } from "./b6-access.ts";

/** B6's goals (issue #18 §6). */
export const B6_GOALS = { ofBound: 1.25, revocationLagP99Ms: 5_000 } as const;

const loadOf = (r: AccessBenchResult) =>
  `Load average (1, 5, 15 min) ${r.loadAverage.before.join(", ")} before B6, ${r.loadAverage.after.join(", ")} after.`;
const callsOf = (p: Phase) =>
  Object.entries(p.calls)
    .map(([op, n]) => `${op} ${fmt.int(n)}`)
    .join(", ");

function phaseFigure(r: AccessBenchResult, p: Phase, what: string, final: string): Figure {
  const limit = B6_GOALS.ofBound * p.boundSeconds;
  const pass = p.failed === 0 && p.done === r.sizes.requests && p.seconds <= limit;
  return {
    suite: "B6",
    figure: `${fmt.int(r.sizes.requests)} ${what} across ${r.sizes.accounts} accounts, all ${final}`,
    goal: `≤ ${B6_GOALS.ofBound}× the Identity Center bound (answered sso calls ÷ 20/s, or operations × 2 s ÷ 10 in progress, the longer)`,
    measured:
      `${fmt.s(p.seconds)} = ${fmt.x(p.seconds / Math.max(p.boundSeconds, 0.001))} of ${fmt.s(p.boundSeconds)} ` +
      `(${fmt.int(p.ssoCalls)} sso calls answered, ${fmt.int(p.ssoThrottled)} throttled, ${fmt.s(p.ssoCalls / 20)} at 20/s; ` +
      `operations ÷ 10 in progress: ${fmt.s(p.outstandingBoundSeconds)}; ` +
      `2 calls per assignment at 20/s: ${fmt.s(p.minimalBoundSeconds)})` +
      (p.failed > 0 ? `; ${p.failed} FAILED` : ""),
    pass,
    ...(pass
      ? {}
      : {
          note:
            `This run: ${fmt.int(p.done)} of ${fmt.int(r.sizes.requests)} ${final}, ${p.failed} failed, in ${fmt.s(p.seconds)}; ` +
            `at the quotas the calls made (${callsOf(p)}) and their operations need ${fmt.s(p.boundSeconds)}. ` +
            `${loadOf(r)}`,
        }),
  };
}

export function accessFigures(r: AccessBenchResult): Figure[] {
  const a = r.assignmentsAfterGrant;
  const exact =
    a.duplicates === 0 && a.missing === 0 && a.found === a.expected && r.assignmentsAfterExpiry === 0;
  const lagPass = r.expire.excessP99Ms <= B6_GOALS.revocationLagP99Ms;
  return [
    phaseFigure(r, r.grant, "requests approved at once", "GRANTED"),
    phaseFigure(r, r.expire, "grants expiring in the same instant", "EXPIRED"),
    {
      suite: "B6",
      figure: "revocation lag after expiry (revoked_at − expires_at)",
      goal: `p99 ≤ ${fmt.s(B6_GOALS.revocationLagP99Ms / 1000)} when the quota allows (beyond the k-th revoke's earliest end at 20/s and 10 in progress)`,
      measured:
        `p99 ${fmt.s(r.expire.excessP99Ms / 1000)} beyond the quota's; raw lag p50 ${fmt.s(r.expire.lagP50Ms / 1000)}, ` +
        `p99 ${fmt.s(r.expire.lagP99Ms / 1000)}, max ${fmt.s(r.expire.lagMaxMs / 1000)}`,
      pass: lagPass,
      ...(lagPass
        ? {}
        : {
            note:
              `All ${fmt.int(r.sizes.requests)} expire in one instant, so the last revoke waits behind the others ` +
              `(at the quota alone at least ${fmt.s(r.expire.boundSeconds)}); beyond that, revokes ended up to ` +
              `${fmt.s(r.expire.excessP99Ms / 1000)} (p99) later than the quota allowed. ${loadOf(r)}`,
          }),
    },
    {
      suite: "B6",
      figure: "sandbox state equals the expected one",
      goal: "0 lost, 0 duplicate assignments; none left after expiry",
      measured: `${fmt.int(a.found)} assignments for ${fmt.int(a.expected)} expected (${a.missing} missing, ${a.duplicates} duplicate); ${r.assignmentsAfterExpiry} left after expiry`,
      pass: exact,
    },
  ];
}
