import { ApiError } from "../protocol/api-error.ts";
import { decodeToken, nextToken, pageOf, pageSize } from "../protocol/pagination.ts";
import { leaf, list, node, tagList } from "../protocol/xml.ts";
import type { WorldDbInstance } from "../world/types.ts";
import { callerAccount } from "./caller-account.ts";
import type { RequestContext, ServiceHandlers } from "./context.ts";
import { intParam, stringParam } from "./params.ts";

const invalid = (message: string) => new ApiError("InvalidParameterValue", message, 400);

// awsQuery nests RDS lists as Filters.Filter.N.Values.Value.M.
function readFilters(ctx: RequestContext): ((db: WorldDbInstance) => boolean)[] {
  const matchers: ((db: WorldDbInstance) => boolean)[] = [];
  for (let i = 1; ; i++) {
    const name = stringParam(ctx, `Filters.Filter.${i}.Name`);
    if (name === undefined) return matchers;
    const values: string[] = [];
    for (let j = 1; ; j++) {
      const value = stringParam(ctx, `Filters.Filter.${i}.Values.Value.${j}`);
      if (value === undefined) break;
      values.push(value);
    }
    if (name === "db-instance-id") matchers.push((db) => values.includes(db.id) || values.includes(db.arn));
    else if (name === "engine") matchers.push((db) => values.includes(db.engine));
    else if (name === "dbi-resource-id") matchers.push((db) => values.includes(db.resourceId));
    else throw invalid(`Unrecognized filter name: ${name}`);
  }
}

function renderDb(db: WorldDbInstance): string {
  return [
    leaf("DBInstanceIdentifier", db.id),
    leaf("DBInstanceClass", db.class),
    leaf("Engine", db.engine),
    leaf("DBInstanceStatus", db.status),
    node(
      "Endpoint",
      leaf("Address", db.endpoint.address) +
        leaf("Port", db.endpoint.port) +
        leaf("HostedZoneId", "Z2R2ITUGPM61AM"),
    ),
    leaf("AllocatedStorage", db.allocatedStorage),
    leaf("InstanceCreateTime", db.createdAt),
    leaf("AvailabilityZone", db.availabilityZone),
    leaf("MultiAZ", db.multiAz),
    leaf("EngineVersion", db.engineVersion),
    leaf("StorageEncrypted", true),
    leaf("DbiResourceId", db.resourceId),
    leaf("DBInstanceArn", db.arn),
    tagList("TagList", "Tag", db.tags),
  ].join("");
}

function describeDbInstances(ctx: RequestContext): string {
  const all = callerAccount(ctx).regions.get(ctx.region)?.dbInstances ?? [];
  const identifier = stringParam(ctx, "DBInstanceIdentifier");
  let selected: readonly WorldDbInstance[] = all;
  if (identifier !== undefined) {
    const found = all.find((db) => db.id === identifier || db.arn === identifier);
    if (found === undefined)
      throw new ApiError("DBInstanceNotFound", `DBInstance ${identifier} not found.`, 404);
    selected = [found];
  }
  const filters = readFilters(ctx);
  if (filters.length > 0) selected = selected.filter((db) => filters.every((f) => f(db)));

  // RDS rejects page sizes outside 20..100 rather than clamping them.
  const size = pageSize(intParam(ctx, "MaxRecords"), { min: 20, max: 100, fallback: 100 }, () =>
    invalid(`Invalid value ${ctx.params.get("MaxRecords")} for MaxRecords. Must be between 20 and 100`),
  );
  const scope = `DescribeDBInstances:${ctx.caller.accountId}:${ctx.region}:${ctx.params.toString().replace(/&?(Marker|MaxRecords|Action|Version)=[^&]*/g, "")}`;
  const offset = decodeToken(stringParam(ctx, "Marker"), scope, () => invalid("Invalid Marker."));
  const page = pageOf(selected, offset, size);
  return leaf("Marker", nextToken(scope, page)) + list("DBInstances", "DBInstance", page.items, renderDb);
}

export const rdsHandlers: ServiceHandlers = { DescribeDBInstances: describeDbInstances };
