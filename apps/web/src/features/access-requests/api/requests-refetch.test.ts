import type { TAccessRequestListV4 } from "@portcullis/shared";
import { describe, expect, it } from "vitest";
import { accessRequest } from "../../../test/access-fixtures.ts";
import { LIVE_POLL_MS, requestsRefetchMs } from "./access-requests.ts";

const NOW = Date.parse("2026-12-02T10:00:00.000Z");
const at = (ms: number) => new Date(NOW + ms).toISOString();
const page = (...items: TAccessRequestListV4["items"]): TAccessRequestListV4[] => [
  { items, pagination: { next_page_token: null } },
];

describe("requestsRefetchMs (when My requests asks again)", () => {
  it("every 2 s while a request is on its way", () => {
    expect(requestsRefetchMs(page(accessRequest("PENDING")), NOW)).toBe(LIVE_POLL_MS);
    expect(requestsRefetchMs(page(accessRequest("REVOKING")), NOW)).toBe(LIVE_POLL_MS);
  });

  it("at the earliest end of a granted request; every 2 s once it is past; at most an hour ahead", () => {
    const soon = accessRequest("GRANTED", { expires_at: at(90_000) });
    const later = accessRequest("GRANTED", { expires_at: at(600_000) });
    expect(requestsRefetchMs(page(later, soon), NOW)).toBe(90_000);
    expect(requestsRefetchMs(page(accessRequest("GRANTED", { expires_at: at(-5_000) })), NOW)).toBe(
      LIVE_POLL_MS,
    );
    expect(requestsRefetchMs(page(accessRequest("GRANTED", { expires_at: at(30 * 86_400_000) })), NOW)).toBe(
      3_600_000,
    );
  });

  it("never when nothing will change by itself", () => {
    expect(requestsRefetchMs(page(accessRequest("EXPIRED"), accessRequest("REJECTED")), NOW)).toBe(false);
    expect(requestsRefetchMs(page(accessRequest("GRANTED", { expires_at: null })), NOW)).toBe(false);
    expect(requestsRefetchMs(undefined, NOW)).toBe(false);
  });
});
