export type ApiIssue = { path: string; message: string };

const STATUS_BY_CODE = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
} as const;

export type AppErrorCode = keyof typeof STATUS_BY_CODE;

/** An error whose message is meant for the client: it says what went wrong and what to do. */
export class AppError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly issues?: ApiIssue[],
  ) {
    super(message);
    this.statusCode = STATUS_BY_CODE[code];
  }

  /** A 4xx tied to one field, shown under that field in the UI. */
  static field(code: AppErrorCode, path: string, message: string): AppError {
    return new AppError(code, message, [{ path, message }]);
  }
}
