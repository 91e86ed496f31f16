import { awsErrorCode, classifyAwsError } from "../aws/aws-errors.ts";
import { sdk } from "../aws/sdk.ts";
import { type DiscoverContext, type DiscoveredResource, iso, mapLimit, tagMap } from "./types.ts";

/** GetBucketLocation's answer as a region: empty means us-east-1, "EU" is the old name of eu-west-1. */
export function regionOfLocation(location: string | undefined): string {
  if (!location) return "us-east-1";
  return location === "EU" ? "eu-west-1" : location;
}

async function bucketRegion(context: DiscoverContext, bucket: string): Promise<string> {
  const s3 = await context.aws.get("s3", context.identity, context.region);
  const { GetBucketLocationCommand } = await sdk.s3();
  const response = await s3.send(new GetBucketLocationCommand({ Bucket: bucket }), {
    abortSignal: context.signal,
  });
  return regionOfLocation(response.LocationConstraint);
}

/** A bucket's tags, read in its own region; a bucket without tags answers NoSuchTagSet. */
async function bucketTags(context: DiscoverContext, bucket: string, region: string) {
  const s3 = await context.aws.get("s3", context.identity, region);
  const { GetBucketTaggingCommand } = await sdk.s3();
  try {
    const response = await s3.send(new GetBucketTaggingCommand({ Bucket: bucket }), {
      abortSignal: context.signal,
    });
    return tagMap(response.TagSet);
  } catch (error) {
    if (awsErrorCode(error) === "NoSuchTagSet") return {};
    if (classifyAwsError(error) === "not-found") return null;
    throw error;
  }
}

/**
 * S3 buckets owned by the account (ListBuckets, paginated), with their region and tags.
 * ListBuckets names each bucket's region when asked for pages; GetBucketLocation is only
 * called when it does not (older S3 look-alikes).
 */
export async function* s3Buckets(context: DiscoverContext): AsyncIterable<DiscoveredResource[]> {
  const s3 = await context.aws.get("s3", context.identity, context.region);
  const { paginateListBuckets } = await sdk.s3();
  const pages = paginateListBuckets(
    { client: s3, pageSize: context.pageSizes.s3 },
    {},
    { abortSignal: context.signal },
  );
  for await (const page of pages) {
    const buckets = (page.Buckets ?? []).filter((bucket) => bucket.Name);
    const found = await mapLimit(buckets, context.detailConcurrency, async (bucket) => {
      const name = bucket.Name!;
      const region = bucket.BucketRegion || (await bucketRegion(context, name));
      const tags = await bucketTags(context, name, region);
      if (!tags) return null;
      return {
        type: context.type,
        externalId: bucket.BucketArn ?? `arn:aws:s3:::${name}`,
        name,
        accountId: context.accountId,
        region,
        tags,
        metadata: { created_at: iso(bucket.CreationDate) },
      } satisfies DiscoveredResource;
    });
    yield found.filter((resource) => resource !== null);
  }
}
