import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ApiError,
  api,
  buildUrl,
  hasErrorCode,
  isSignedOutError,
  setCsrfToken,
  toApiError,
} from "./api-client.ts";

describe("buildUrl", () => {
  it("skips empty values and repeats list values", () => {
    expect(
      buildUrl("/api/x", {
        name: "*a b*",
        type: ["aws-account", "aws-organization"],
        status: [],
        page_token: undefined,
        q: "",
      }),
    ).toBe("/api/x?name=*a+b*&type=aws-account&type=aws-organization");
    expect(buildUrl("/api/x")).toBe("/api/x");
  });
});

describe("toApiError", () => {
  it("reads the API's error shape, keeping well-formed issues only", () => {
    const error = toApiError(
      409,
      {
        statusCode: 409,
        error: "Conflict",
        code: "INTEGRATION_NAME_TAKEN",
        message: "An integration with this name already exists. Choose another name.",
        requestId: "req-1",
        issues: [{ path: "name", message: "taken" }, { path: 3 }],
      },
      null,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(409);
    expect(error.requestId).toBe("req-1");
    expect(error.issues).toEqual([{ path: "name", message: "taken" }]);
    expect(error.code).toBe("INTEGRATION_NAME_TAKEN");
    expect(hasErrorCode(error, "INTEGRATION_NAME_TAKEN")).toBe(true);
    expect(hasErrorCode(error, "NOT_FOUND", "CONNECTOR_IN_USE")).toBe(false);
  });

  it("tells a session that ended from a refused sign-in by the code, though both are 401", () => {
    const body = (code: string) => ({
      statusCode: 401,
      error: "Unauthorized",
      code,
      message: "m",
      requestId: "r",
    });
    expect(isSignedOutError(toApiError(401, body("UNAUTHENTICATED"), null))).toBe(true);
    expect(isSignedOutError(toApiError(401, body("INVALID_API_TOKEN"), null))).toBe(true);
    expect(isSignedOutError(toApiError(401, body("LOGIN_FAILED"), null))).toBe(false);
    expect(isSignedOutError(new Error("401"))).toBe(false);
  });

  it("falls back to a sentence when the body is not the API's", () => {
    expect(toApiError(502, "<html>Bad gateway</html>", "r").message).toBe(
      "The server could not answer. Try again in a moment.",
    );
    expect(toApiError(418, null, null).message).toBe("The request failed (HTTP 418).");
    expect(toApiError(418, null, null).code).toBeNull();
  });
});

describe("api", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  function stubFetch(response: Response) {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => response);
    vi.stubGlobal("fetch", fetch);
    return fetch;
  }

  it("sends the CSRF token on writes only, and a content type only with a body", async () => {
    setCsrfToken("token-1");
    const fetch = stubFetch(new Response(null, { status: 204 }));
    await api.post("/api/v2/integrations/1/refresh");
    const [, init] = fetch.mock.calls[0]!;
    expect(init.headers).toEqual({ accept: "application/json", "x-csrf-token": "token-1" });
    expect(init.body).toBeUndefined();

    stubFetch(new Response("{}", { status: 200 }));
    await api.get("/api/auth/me");
    const get = vi.mocked(globalThis.fetch).mock.calls[0]![1] as RequestInit;
    expect(get.headers).toEqual({ accept: "application/json" });

    const put = stubFetch(new Response("{}", { status: 200 }));
    await api.put("/api/x", { a: 1 });
    expect(put.mock.calls[0]![1].headers).toMatchObject({
      "content-type": "application/json",
      "x-csrf-token": "token-1",
    });
    expect(put.mock.calls[0]![1].body).toBe('{"a":1}');
  });

  it("throws an ApiError for error answers and for answers that do not match the schema", async () => {
    stubFetch(
      new Response(
        JSON.stringify({ statusCode: 403, error: "Forbidden", message: "admins only", requestId: "r" }),
        {
          status: 403,
        },
      ),
    );
    await expect(api.get("/api/admin/users")).rejects.toMatchObject({ status: 403, message: "admins only" });

    stubFetch(new Response('{"unexpected":true}', { status: 200 }));
    vi.spyOn(console, "error").mockImplementation(() => {});
    const schema = {
      parse: (value: unknown) => {
        if (!(value as { id?: string }).id) throw new Error("no id");
        return value as { id: string };
      },
    };
    await expect(api.get("/api/x", { schema })).rejects.toMatchObject({ error: "Unexpected Response" });
  });

  it("turns a network failure into an ApiError with status 0", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))),
    );
    await expect(api.get("/api/x")).rejects.toMatchObject({ status: 0, error: "Network Error" });
  });
});
