import { ApiError } from "../protocol/api-error.ts";
import { decodeToken, nextToken, pageOf, pageSize } from "../protocol/pagination.ts";
import { serviceError } from "../protocol/service-errors.ts";
import { leaf, list, node, tagList } from "../protocol/xml.ts";
import type { WorldInstance } from "../world/types.ts";
import { callerAccount } from "./caller-account.ts";
import type { RequestContext, ServiceHandlers } from "./context.ts";
import { indexedList, intParam, stringParam } from "./params.ts";

type Filter = { name: string; values: string[] };
type Matcher = (instance: WorldInstance) => boolean;

const invalid = (message: string) => new ApiError("InvalidParameterValue", message, 400);

function readFilters(ctx: RequestContext): Filter[] {
  const filters: Filter[] = [];
  for (let i = 1; ; i++) {
    const name = stringParam(ctx, `Filter.${i}.Name`);
    if (name === undefined) return filters;
    filters.push({ name, values: indexedList(ctx, `Filter.${i}.Value`) });
  }
}

// EC2 filter values accept * and ? wildcards.
function valueMatcher(values: string[]): (value: string | undefined) => boolean {
  const patterns = values.map((v) =>
    v.includes("*") || v.includes("?")
      ? new RegExp(
          `^${v
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replaceAll("*", ".*")
            .replaceAll("?", ".")}$`,
        )
      : v,
  );
  return (value) =>
    value !== undefined && patterns.some((p) => (typeof p === "string" ? p === value : p.test(value)));
}

function toMatcher({ name, values }: Filter): Matcher {
  const matches = valueMatcher(values);
  if (name.startsWith("tag:")) {
    const key = name.slice(4);
    return (i) => i.tags.some((tag) => tag.Key === key && matches(tag.Value));
  }
  const field: Record<string, (i: WorldInstance) => string | undefined> = {
    "instance-id": (i) => i.id,
    "instance-state-name": (i) => i.state,
    "instance-state-code": (i) => String(i.stateCode),
    "instance-type": (i) => i.type,
    "vpc-id": (i) => i.vpcId,
    "subnet-id": (i) => i.subnetId,
    "availability-zone": (i) => i.availabilityZone,
    "private-ip-address": (i) => i.privateIp,
    "image-id": (i) => i.imageId,
  };
  if (name === "tag-key") return (i) => i.tags.some((tag) => matches(tag.Key));
  const read = field[name];
  if (read === undefined) throw invalid(`The filter '${name}' is invalid`);
  return (i) => matches(read(i));
}

function renderInstance(i: WorldInstance): string {
  return [
    leaf("instanceId", i.id),
    leaf("imageId", i.imageId),
    node("instanceState", leaf("code", i.stateCode) + leaf("name", i.state)),
    leaf("privateDnsName", i.privateDnsName),
    leaf("amiLaunchIndex", 0),
    leaf("instanceType", i.type),
    leaf("launchTime", i.launchTime),
    node("placement", leaf("availabilityZone", i.availabilityZone) + leaf("tenancy", "default")),
    leaf("platform", i.platform),
    node("monitoring", leaf("state", "disabled")),
    leaf("subnetId", i.subnetId),
    leaf("vpcId", i.vpcId),
    leaf("privateIpAddress", i.privateIp),
    i.iamInstanceProfileArn === undefined
      ? ""
      : node(
          "iamInstanceProfile",
          leaf("arn", i.iamInstanceProfileArn) + leaf("id", `AIPA${i.id.slice(2, 19).toUpperCase()}`),
        ),
    leaf("architecture", "x86_64"),
    leaf("rootDeviceType", "ebs"),
    i.tags.length > 0 ? tagList("tagSet", "item", i.tags, true) : "",
  ].join("");
}

function describeInstances(ctx: RequestContext): string {
  const instanceIds = indexedList(ctx, "InstanceId");
  const rawMax = intParam(ctx, "MaxResults");
  if (rawMax !== undefined && instanceIds.length > 0) {
    throw new ApiError(
      "InvalidParameterCombination",
      "The parameter instancesSet cannot be used with the parameter maxResults",
      400,
    );
  }
  const filters = readFilters(ctx);
  const matchers = filters.map(toMatcher);
  const all = callerAccount(ctx).regions.get(ctx.region)?.instances ?? [];

  let selected: readonly WorldInstance[] = all;
  if (instanceIds.length > 0) {
    const byId = new Map(all.map((i) => [i.id, i]));
    const missing = instanceIds.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      const ids = missing.map((id) => `'${id}'`).join(", ");
      throw new ApiError(
        "InvalidInstanceID.NotFound",
        `The instance ID${missing.length > 1 ? "s" : ""} ${ids} ${missing.length > 1 ? "do" : "does"} not exist`,
        400,
      );
    }
    selected = instanceIds.map((id) => byId.get(id)!);
  }
  if (matchers.length > 0) selected = selected.filter((i) => matchers.every((m) => m(i)));

  // Without MaxResults EC2 returns everything in one response.
  const size =
    rawMax === undefined
      ? Math.max(selected.length, 1)
      : pageSize(rawMax, { min: 5, max: 1000, fallback: 1000 }, () =>
          invalid(
            `Value ( ${rawMax} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`,
          ),
        );
  const scope = `DescribeInstances:${ctx.caller.accountId}:${ctx.region}:${JSON.stringify(filters)}`;
  const offset = decodeToken(stringParam(ctx, "NextToken"), scope, () =>
    serviceError("ec2", "validation", "The specified NextToken is not valid."),
  );
  const page = pageOf(selected, offset, size);

  // Consecutive instances of one reservation are grouped, as EC2 does.
  const reservations: { id: string; instances: WorldInstance[] }[] = [];
  for (const instance of page.items) {
    const last = reservations.at(-1);
    if (last?.id === instance.reservationId) last.instances.push(instance);
    else reservations.push({ id: instance.reservationId, instances: [instance] });
  }
  const ownerId = ctx.caller.accountId;
  return (
    list("reservationSet", "item", reservations, (r) =>
      [
        leaf("reservationId", r.id),
        leaf("ownerId", ownerId),
        "<groupSet/>",
        list("instancesSet", "item", r.instances, renderInstance),
      ].join(""),
    ) + leaf("nextToken", nextToken(scope, page))
  );
}

export const ec2Handlers: ServiceHandlers = { DescribeInstances: describeInstances };
