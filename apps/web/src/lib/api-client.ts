import type { TApiErrorCode, TApiIssue } from "@portcullis/shared";

// The one fetch wrapper of the app: same-origin JSON, the session cookie, the CSRF header on
// writes, and the API's error shape turned into a typed `ApiError`. It imports no zod (it is in
// the first chunk); callers pass a schema-like `{ parse }` to check what the server sent.

/** Anything with zod's `parse`: the shared response schemas. */
export type ResponseSchema<T> = { parse(data: unknown): T };

type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

export type RequestOptions<T> = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  query?: Query;
  body?: unknown;
  schema?: ResponseSchema<T>;
  signal?: AbortSignal;
};

/**
 * An error answer of the API (`{ statusCode, error, code, message, requestId, issues? }`), or a
 * network failure (status 0, no code). Branch on `code`, never on `message`.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly error: string;
  readonly code: TApiErrorCode | null;
  readonly requestId: string | null;
  readonly issues: readonly TApiIssue[];

  constructor(init: {
    status: number;
    error: string;
    code?: TApiErrorCode | null;
    message: string;
    requestId?: string | null;
    issues?: readonly TApiIssue[];
  }) {
    super(init.message);
    this.status = init.status;
    this.error = init.error;
    this.code = init.code ?? null;
    this.requestId = init.requestId ?? null;
    this.issues = init.issues ?? [];
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Whether `error` is the API's answer with one of these codes. */
export function hasErrorCode(error: unknown, ...codes: TApiErrorCode[]): error is ApiError {
  return isApiError(error) && error.code !== null && codes.includes(error.code);
}

/** The session ended (expired, signed out elsewhere) or the token stopped working. */
export function isSignedOutError(error: unknown): boolean {
  return hasErrorCode(error, "UNAUTHENTICATED", "INVALID_API_TOKEN");
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let csrfToken: string | null = null;

/** Set from the sign-in answer and from /api/auth/me; sent as `x-csrf-token` on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, item);
    else params.append(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** Reads the API's error body; anything else (a proxy's HTML page) becomes a generic message. */
export function toApiError(status: number, body: unknown, fallbackRequestId: string | null): ApiError {
  if (
    typeof body === "object" &&
    body !== null &&
    typeof (body as { message?: unknown }).message === "string"
  ) {
    const raw = body as {
      error?: unknown;
      code?: unknown;
      message: string;
      requestId?: unknown;
      issues?: unknown;
    };
    const issues = Array.isArray(raw.issues)
      ? raw.issues.filter(
          (issue): issue is TApiIssue =>
            typeof issue === "object" &&
            issue !== null &&
            typeof (issue as TApiIssue).path === "string" &&
            typeof (issue as TApiIssue).message === "string",
        )
      : [];
    return new ApiError({
      status,
      error: typeof raw.error === "string" ? raw.error : `HTTP ${status}`,
      // Not checked against the list (this module stays free of zod): an unknown code is kept,
      // and simply matches no branch.
      code: typeof raw.code === "string" ? (raw.code as TApiErrorCode) : null,
      message: raw.message,
      requestId: typeof raw.requestId === "string" ? raw.requestId : fallbackRequestId,
      issues,
    });
  }
  return new ApiError({
    status,
    error: `HTTP ${status}`,
    message:
      status >= 500
        ? "The server could not answer. Try again in a moment."
        : `The request failed (HTTP ${status}).`,
    requestId: fallbackRequestId,
  });
}

export async function apiRequest<T = unknown>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  // A content type without a body is refused by the API, so it is only sent with one.
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (WRITE_METHODS.has(method) && csrfToken) headers["x-csrf-token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError({
      status: 0,
      error: "Network Error",
      message: "Portcullis could not be reached. Check your connection and try again.",
    });
  }

  const requestId = response.headers.get("x-request-id");
  const text = response.status === 204 ? "" : await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) throw toApiError(response.status, data, requestId);
  if (!options.schema) return data as T;
  try {
    return options.schema.parse(data);
  } catch (cause) {
    // Kept in the console for whoever reports it: which field did not match the contract.
    console.error(`Unexpected response from ${method} ${path}`, cause);
    throw new ApiError({
      status: response.status,
      error: "Unexpected Response",
      message:
        "The server sent an answer this page does not understand. Reload the page; if it persists, report it.",
      requestId,
    });
  }
}

export const api = {
  get: <T>(path: string, options: Omit<RequestOptions<T>, "method" | "body"> = {}) =>
    apiRequest<T>(path, { ...options, method: "GET" }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions<T>, "method" | "body"> = {}) =>
    apiRequest<T>(path, { ...options, method: "POST", body }),
  put: <T>(path: string, body?: unknown, options: Omit<RequestOptions<T>, "method" | "body"> = {}) =>
    apiRequest<T>(path, { ...options, method: "PUT", body }),
  delete: <T = null>(path: string, options: Omit<RequestOptions<T>, "method" | "body"> = {}) =>
    apiRequest<T>(path, { ...options, method: "DELETE" }),
};
