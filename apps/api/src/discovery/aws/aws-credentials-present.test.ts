import { describe, expect, it } from "vitest";
import { decideSandbox, hasAwsCredentials } from "./aws-credentials-present.ts";

const HOME = "/home/me";
const noFiles = () => undefined;
const files =
  (contents: Record<string, string>) =>
  (path: string): string | undefined =>
    contents[path];

describe("hasAwsCredentials", () => {
  it("is false with nothing configured", () => {
    expect(hasAwsCredentials({}, noFiles, HOME)).toBe(false);
    // A region alone, or an endpoint, is not a credential.
    expect(hasAwsCredentials({ AWS_REGION: "eu-west-1" }, noFiles, HOME)).toBe(false);
  });

  it("sees the environment's own credentials", () => {
    expect(hasAwsCredentials({ AWS_ACCESS_KEY_ID: "AKIA", AWS_SECRET_ACCESS_KEY: "s" }, noFiles, HOME)).toBe(
      true,
    );
    expect(hasAwsCredentials({ AWS_ACCESS_KEY_ID: "AKIA" }, noFiles, HOME)).toBe(false);
    expect(hasAwsCredentials({ AWS_PROFILE: "dev" }, noFiles, HOME)).toBe(true);
    expect(hasAwsCredentials({ AWS_WEB_IDENTITY_TOKEN_FILE: "/t", AWS_ROLE_ARN: "arn" }, noFiles, HOME)).toBe(
      true,
    );
    expect(hasAwsCredentials({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/creds" }, noFiles, HOME)).toBe(
      true,
    );
    expect(hasAwsCredentials({ AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://x" }, noFiles, HOME)).toBe(true);
  });

  it("reads the shared files, where their variables say", () => {
    const credentials = "[default]\naws_access_key_id = AKIA\naws_secret_access_key = s\n";
    expect(hasAwsCredentials({}, files({ "/home/me/.aws/credentials": credentials }), HOME)).toBe(true);
    expect(
      hasAwsCredentials(
        { AWS_SHARED_CREDENTIALS_FILE: "/etc/aws" },
        files({ "/etc/aws": credentials }),
        HOME,
      ),
    ).toBe(true);
    expect(hasAwsCredentials({}, files({ "/home/me/.aws/credentials": "" }), HOME)).toBe(false);
    const sso = "[default]\nsso_session = corp\nsso_account_id = 111111111111\n";
    expect(hasAwsCredentials({}, files({ "/home/me/.aws/config": sso }), HOME)).toBe(true);
    expect(
      hasAwsCredentials({ AWS_CONFIG_FILE: "/c" }, files({ "/c": "[profile x]\nrole_arn = arn\n" }), HOME),
    ).toBe(true);
    // A config with only a region configures no credentials.
    expect(
      hasAwsCredentials({}, files({ "/home/me/.aws/config": "[default]\nregion = us-east-1\n" }), HOME),
    ).toBe(false);
  });
});

describe("decideSandbox", () => {
  it("starts the sandbox only when nothing points at AWS, unless SANDBOX says otherwise", () => {
    expect(decideSandbox({}, noFiles, HOME).start).toBe(true);
    expect(decideSandbox({ AWS_ENDPOINT_URL: "http://localhost:4566" }, noFiles, HOME).start).toBe(false);
    expect(decideSandbox({ AWS_PROFILE: "prod" }, noFiles, HOME).start).toBe(false);
    expect(decideSandbox({ AWS_PROFILE: "prod", SANDBOX: "1" }, noFiles, HOME)).toEqual({
      start: true,
      reason: "SANDBOX=1",
    });
    expect(decideSandbox({ SANDBOX: "0" }, noFiles, HOME)).toEqual({ start: false, reason: "SANDBOX=0" });
  });
});
