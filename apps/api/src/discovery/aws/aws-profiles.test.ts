import { describe, expect, it } from "vitest";
import { DiscoveryError } from "../sync/discovery-error.ts";
import { chooseProfile, sharedProfileNames } from "./aws-profiles.ts";

const files = (byPath: Record<string, string>) => (path: string) => byPath[path];

describe("sharedProfileNames", () => {
  it("reads [profile x] and [default] from the config file and [x] from the credentials file", () => {
    const names = sharedProfileNames(
      {},
      files({
        "/home/me/.aws/config":
          "[default]\nregion = eu-west-1\n[profile ops]\nrole_arn = arn\n[sso-session corp]\n",
        "/home/me/.aws/credentials": "[ci]\naws_access_key_id = AKIA\n",
      }),
      "/home/me",
    );
    expect([...names].sort()).toEqual(["ci", "default", "ops"]);
  });

  it("follows AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, and has none without files", () => {
    const env = { AWS_CONFIG_FILE: "/etc/aws/config", AWS_SHARED_CREDENTIALS_FILE: "/etc/aws/keys" };
    const names = sharedProfileNames(env, files({ "/etc/aws/config": "[profile  spaced ]\n" }), "/home/me");
    expect([...names]).toEqual(["spaced"]);
    expect(sharedProfileNames({}, files({}), "/home/me").size).toBe(0);
  });
});

describe("chooseProfile", () => {
  const available = new Set(["ops", "apono"]);

  it("uses a profile that exists, trimmed", () => {
    expect(chooseProfile(" ops ", available)).toBe("ops");
    expect(chooseProfile("apono", available)).toBe("apono");
  });

  it("uses the default chain when empty, or when the default apono is absent", () => {
    expect(chooseProfile(undefined, available)).toBeUndefined();
    expect(chooseProfile("  ", available)).toBeUndefined();
    expect(chooseProfile("apono", new Set())).toBeUndefined();
  });

  it("refuses an absent named profile with what to do", () => {
    expect(() => chooseProfile("staging", available)).toThrow(DiscoveryError);
    try {
      chooseProfile("staging", available);
    } catch (error) {
      expect((error as DiscoveryError).failure).toMatchObject({
        code: "ProfileNotFound",
        retryable: false,
        fix: expect.stringContaining("[profile staging]"),
      });
    }
  });
});
