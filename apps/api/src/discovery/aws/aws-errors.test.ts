import { describe, expect, it } from "vitest";
import { awsErrorCode, classifyAwsError, isRetryableAwsError } from "./aws-errors.ts";

const aws = (name: string, status: number, fault: "client" | "server" = "client") =>
  Object.assign(new Error(name), { name, $fault: fault, $metadata: { httpStatusCode: status } });

describe("AWS error classification", () => {
  it("tells throttles, denials, credentials and outages apart", () => {
    expect(classifyAwsError(aws("Throttling", 400))).toBe("throttled");
    expect(classifyAwsError(aws("TooManyRequestsException", 400))).toBe("throttled");
    expect(classifyAwsError(aws("SlowDown", 503, "server"))).toBe("throttled");
    expect(classifyAwsError(aws("AccessDenied", 403))).toBe("denied");
    expect(classifyAwsError(aws("AccessDeniedException", 400))).toBe("denied");
    expect(classifyAwsError(aws("UnauthorizedOperation", 403))).toBe("denied");
    expect(classifyAwsError(aws("InvalidClientTokenId", 403))).toBe("credentials");
    expect(classifyAwsError(aws("ExpiredToken", 400))).toBe("expired");
    expect(classifyAwsError(aws("NoSuchEntity", 404))).toBe("not-found");
    expect(classifyAwsError(aws("InternalFailure", 500, "server"))).toBe("server");
    expect(classifyAwsError(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }))).toBe("network");
    expect(classifyAwsError(Object.assign(new Error("x"), { name: "CredentialsProviderError" }))).toBe(
      "no-credentials",
    );
    expect(classifyAwsError(Object.assign(new Error("x"), { name: "TimeoutError" }))).toBe("timeout");
  });

  it("retries only what another attempt could fix", () => {
    expect(isRetryableAwsError(aws("Throttling", 400))).toBe(true);
    expect(isRetryableAwsError(aws("InternalFailure", 500, "server"))).toBe(true);
    expect(isRetryableAwsError(aws("AccessDenied", 403))).toBe(false);
    expect(isRetryableAwsError(aws("ValidationError", 400))).toBe(false);
    expect(awsErrorCode(aws("AccessDenied", 403))).toBe("AccessDenied");
  });
});
