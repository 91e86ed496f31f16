// A failure that is rendered in the calling service's wire format (XML ErrorResponse,
// EC2 Response/Errors, S3 Error, or JSON __type).
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    // Extra S3 <Error> children such as BucketName.
    readonly details?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}
