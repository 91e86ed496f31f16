import { describe, expect, it } from "vitest";
import { REDACTED, redactSecrets } from "./redact.ts";

describe("redactSecrets", () => {
  it("hides passwords, secrets, tokens and hashes at any depth, and keeps the rest", () => {
    expect(
      redactSecrets({
        email: "a@example.com",
        password: "hunter2",
        passwordHash: "scrypt$...",
        nested: [{ api_token: "pc_x", token_hash: "abc", external_id: "ext", prefix: "pc_abc" }],
        secret_store_config: null,
        credentials_rotation_period_in_days: "90",
        at: new Date("2026-01-01T00:00:00Z"),
        skipped: undefined,
      }),
    ).toEqual({
      email: "a@example.com",
      password: REDACTED,
      passwordHash: REDACTED,
      nested: [{ api_token: REDACTED, token_hash: REDACTED, external_id: "ext", prefix: "pc_abc" }],
      secret_store_config: null,
      credentials_rotation_period_in_days: "90",
      at: "2026-01-01T00:00:00.000Z",
    });
  });
});
