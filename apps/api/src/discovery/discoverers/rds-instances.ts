import { sdk } from "../aws/sdk.ts";
import { type DiscoverContext, type DiscoveredResource, iso, tagMap } from "./types.ts";

/** RDS accepts 20–100 records per page. */
const MIN_PAGE = 20;

/** RDS database instances of the region (DescribeDBInstances; tags come inline as TagList). */
export async function* rdsInstances(context: DiscoverContext): AsyncIterable<DiscoveredResource[]> {
  const rds = await context.aws.get("rds", context.identity, context.region);
  const { paginateDescribeDBInstances } = await sdk.rds();
  const pages = paginateDescribeDBInstances(
    { client: rds, pageSize: Math.min(100, Math.max(MIN_PAGE, context.pageSizes.rds)) },
    {},
    { abortSignal: context.signal },
  );
  for await (const page of pages) {
    yield (page.DBInstances ?? [])
      .filter((db) => db.DBInstanceArn && db.DBInstanceIdentifier)
      .map((db) => ({
        type: context.type,
        externalId: db.DBInstanceArn!,
        name: db.DBInstanceIdentifier!,
        accountId: context.accountId,
        region: context.region,
        tags: tagMap(db.TagList),
        metadata: {
          engine: db.Engine ?? null,
          // IAM database authentication (an access grant) names the database by this id.
          dbi_resource_id: db.DbiResourceId ?? null,
          engine_version: db.EngineVersion ?? null,
          instance_class: db.DBInstanceClass ?? null,
          status: db.DBInstanceStatus ?? null,
          multi_az: db.MultiAZ ?? null,
          allocated_storage_gb: db.AllocatedStorage ?? null,
          endpoint: db.Endpoint?.Address ?? null,
          port: db.Endpoint?.Port ?? null,
          created_at: iso(db.InstanceCreateTime),
        },
      }));
  }
}
