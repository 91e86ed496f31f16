import { ApiError } from "../protocol/api-error.ts";
import { decodeToken, nextToken, pageOf, pageSize } from "../protocol/pagination.ts";
import { escapeXml, leaf, list, node, tagList } from "../protocol/xml.ts";
import { stableId } from "../world/stable-id.ts";
import type { WorldBucket } from "../world/types.ts";
import { callerAccount } from "./caller-account.ts";
import type { RequestContext, ServiceHandlers } from "./context.ts";

const XMLNS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

function listBuckets(ctx: RequestContext): string {
  const prefix = ctx.params.get("prefix") ?? undefined;
  const region = ctx.params.get("bucket-region") ?? undefined;
  const maxRaw = ctx.params.get("max-buckets");
  // S3 returns buckets sorted by name.
  const buckets = callerAccount(ctx)
    .buckets.filter(
      (b) =>
        (prefix === undefined || b.name.startsWith(prefix)) && (region === undefined || b.region === region),
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const size =
    maxRaw === null
      ? Math.max(buckets.length, 1)
      : pageSize(
          Number(maxRaw),
          { min: 1, max: 10000, fallback: 10000 },
          (message) => new ApiError("InvalidArgument", message, 400),
        );
  const scope = `ListBuckets:${ctx.caller.accountId}:${prefix ?? ""}:${region ?? ""}`;
  const offset = decodeToken(
    ctx.params.get("continuation-token") ?? undefined,
    scope,
    () => new ApiError("InvalidArgument", "The continuation token provided is incorrect", 400),
  );
  const page = pageOf(buckets, offset, size);
  return (
    `<ListAllMyBucketsResult ${XMLNS}>` +
    node("Owner", leaf("ID", stableId("", `canonical/${ctx.caller.accountId}`, 64).toLowerCase())) +
    list("Buckets", "Bucket", page.items, (b) =>
      [
        leaf("Name", b.name),
        leaf("CreationDate", b.createdAt),
        leaf("BucketRegion", b.region),
        leaf("BucketArn", `arn:aws:s3:::${b.name}`),
      ].join(""),
    ) +
    leaf("ContinuationToken", nextToken(scope, page)) +
    leaf("Prefix", prefix) +
    "</ListAllMyBucketsResult>"
  );
}

// Bucket names are global: a bucket of another account exists but is not readable.
function ownBucket(ctx: RequestContext): WorldBucket {
  const name = ctx.bucket ?? "";
  const bucket = ctx.world.buckets.get(name);
  if (bucket === undefined) {
    throw new ApiError("NoSuchBucket", "The specified bucket does not exist", 404, { BucketName: name });
  }
  ctx.targetAccountId = bucket.accountId;
  if (bucket.accountId !== ctx.caller.accountId) throw new ApiError("AccessDenied", "Access Denied", 403);
  return bucket;
}

function getBucketTagging(ctx: RequestContext): string {
  const bucket = ownBucket(ctx);
  if (bucket.tags.length === 0) {
    throw new ApiError("NoSuchTagSet", "The TagSet does not exist", 404, { BucketName: bucket.name });
  }
  return `<Tagging ${XMLNS}>${tagList("TagSet", "Tag", bucket.tags)}</Tagging>`;
}

function getBucketLocation(ctx: RequestContext): string {
  const bucket = ownBucket(ctx);
  // us-east-1 buckets report an empty LocationConstraint, a historical S3 quirk.
  return bucket.region === "us-east-1"
    ? `<LocationConstraint ${XMLNS}/>`
    : `<LocationConstraint ${XMLNS}>${escapeXml(bucket.region)}</LocationConstraint>`;
}

// The sandbox models buckets, not objects: a bucket lists as empty (enough to prove that
// s3:ListBucket is allowed or denied).
function listObjects(ctx: RequestContext): string {
  const bucket = ownBucket(ctx);
  const v2 = ctx.operation === "ListObjectsV2";
  return (
    `<ListBucketResult ${XMLNS}>` +
    leaf("Name", bucket.name) +
    leaf("Prefix", ctx.params.get("prefix") ?? "") +
    leaf(v2 ? "KeyCount" : "Marker", v2 ? 0 : (ctx.params.get("marker") ?? "")) +
    leaf("MaxKeys", Number(ctx.params.get("max-keys") ?? 1000)) +
    leaf("IsTruncated", false) +
    "</ListBucketResult>"
  );
}

export const s3Handlers: ServiceHandlers = {
  ListObjects: listObjects,
  ListObjectsV2: listObjects,
  ListBuckets: listBuckets,
  GetBucketTagging: getBucketTagging,
  GetBucketLocation: getBucketLocation,
};
