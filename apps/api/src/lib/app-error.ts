import { API_ERROR_CODES, type TApiErrorCode } from "@portcullis/shared";

export type ApiIssue = { path: string; message: string };

export type AppErrorCode = TApiErrorCode;

/**
 * An error whose message is meant for the client: it says what went wrong and what to do. Its
 * `code` (packages/shared `API_ERROR_CODES`) is the stable name scripts branch on, and sets the
 * HTTP status.
 */
export class AppError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly issues?: ApiIssue[],
  ) {
    super(message);
    this.statusCode = API_ERROR_CODES[code].status;
  }

  /** A 4xx tied to one field, shown under that field in the UI. */
  static field(code: AppErrorCode, path: string, message: string): AppError {
    return new AppError(code, message, [{ path, message }]);
  }
}
