import type { IncomingHttpHeaders } from "node:http";
import { parseAuthorization } from "../auth/parse-authorization.ts";
import { ApiError } from "../protocol/api-error.ts";
import {
  isServiceName,
  JSON_TARGET_PREFIXES,
  PROTOCOLS,
  type ServiceName,
} from "../services/service-name.ts";

export type IdentifiedRequest = {
  service: ServiceName;
  // Empty when the request names no operation the sandbox can read.
  operation: string;
  region: string;
  accessKeyId?: string;
  sessionToken?: string;
  params: URLSearchParams;
  input: Record<string, unknown>;
  bucket?: string;
  // A problem found while reading the request, answered in the service's format.
  error?: ApiError;
};

export type Unidentified = { unknownService: string };

// Works out service, operation, region and caller key from the raw request: the SigV4
// credential scope names service and region; JSON services add X-Amz-Target; query services
// name the Action in the form body; S3 is addressed by method and path.
export function identifyRequest(
  method: string,
  rawUrl: string,
  headers: IncomingHttpHeaders,
  body: string,
): IdentifiedRequest | Unidentified {
  const url = new URL(rawUrl, "http://sandbox");
  const scope = parseAuthorization(headers.authorization);
  const target = headerValue(headers["x-amz-target"]);
  const targetPrefix = target?.slice(0, target.lastIndexOf("."));
  const service =
    (targetPrefix !== undefined ? JSON_TARGET_PREFIXES[targetPrefix] : undefined) ??
    (scope !== undefined && isServiceName(scope.service) ? scope.service : undefined) ??
    guessUnsigned(method, headers, body);
  if (service === undefined) return { unknownService: scope?.service ?? "unknown" };

  const request: IdentifiedRequest = {
    service,
    operation: "",
    region: scope?.region ?? "us-east-1",
    accessKeyId: scope?.accessKeyId,
    sessionToken: headerValue(headers["x-amz-security-token"]),
    params: url.searchParams,
    input: {},
  };
  if (scope === undefined) {
    request.error = new ApiError(
      PROTOCOLS[service] === "json" ? "MissingAuthenticationTokenException" : "MissingAuthenticationToken",
      "Request is missing Authentication Token",
      403,
    );
  }

  switch (PROTOCOLS[service]) {
    case "query":
    case "ec2": {
      const params = new URLSearchParams(body);
      for (const [key, value] of url.searchParams) if (!params.has(key)) params.set(key, value);
      request.params = params;
      request.operation = params.get("Action") ?? "";
      break;
    }
    case "json":
      request.operation = target?.slice(target.lastIndexOf(".") + 1) ?? "";
      try {
        const parsed: unknown = body === "" ? {} : JSON.parse(body);
        request.input =
          typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
      } catch {
        request.error ??= new ApiError("SerializationException", "Request body is not valid JSON", 400);
      }
      break;
    case "rest-xml": {
      const segments = url.pathname.split("/").filter((s) => s !== "");
      request.bucket = segments[0] === undefined ? undefined : decodeURIComponent(segments[0]);
      request.operation = s3Operation(method, request.bucket, segments.length, url.searchParams);
      break;
    }
  }
  return request;
}

// Query parameters of a plain GET Bucket (ListObjects v1); other subresources are not served.
const LIST_OBJECTS_PARAMS = new Set(["prefix", "delimiter", "marker", "max-keys", "encoding-type"]);

function s3Operation(
  method: string,
  bucket: string | undefined,
  depth: number,
  query: URLSearchParams,
): string {
  if (method !== "GET") return "";
  if (bucket === undefined) return "ListBuckets";
  if (depth > 1) return "";
  if (query.has("tagging")) return "GetBucketTagging";
  if (query.has("location")) return "GetBucketLocation";
  if (query.get("list-type") === "2") return "ListObjectsV2";
  if ([...query.keys()].every((key) => LIST_OBJECTS_PARAMS.has(key))) return "ListObjects";
  return "";
}

// Unsigned requests carry no scope: make a best guess so the error is at least well-formed.
function guessUnsigned(method: string, headers: IncomingHttpHeaders, body: string): ServiceName | undefined {
  if (headers.authorization !== undefined) return undefined;
  if (method === "POST" && body.includes("Action=")) return "sts";
  return "s3";
}

const headerValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;
