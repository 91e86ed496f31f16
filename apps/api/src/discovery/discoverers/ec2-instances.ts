import { sdk } from "../aws/sdk.ts";
import { type DiscoverContext, type DiscoveredResource, iso, tagMap } from "./types.ts";

/** EC2 accepts 5–1000 results per page. */
const MIN_PAGE = 5;

/** EC2 instances of the region (DescribeInstances; tags come inline). Terminated ones are skipped. */
export async function* ec2Instances(context: DiscoverContext): AsyncIterable<DiscoveredResource[]> {
  const ec2 = await context.aws.get("ec2", context.identity, context.region);
  const { paginateDescribeInstances } = await sdk.ec2();
  const pages = paginateDescribeInstances(
    { client: ec2, pageSize: Math.max(MIN_PAGE, context.pageSizes.ec2) },
    {},
    { abortSignal: context.signal },
  );
  for await (const page of pages) {
    const found: DiscoveredResource[] = [];
    for (const reservation of page.Reservations ?? []) {
      const owner = reservation.OwnerId ?? context.accountId;
      for (const instance of reservation.Instances ?? []) {
        if (!instance.InstanceId || instance.State?.Name === "terminated") continue;
        const tags = tagMap(instance.Tags);
        found.push({
          type: context.type,
          externalId: `arn:aws:ec2:${context.region}:${owner}:instance/${instance.InstanceId}`,
          name: tags.Name || instance.InstanceId,
          accountId: owner,
          region: context.region,
          tags,
          metadata: {
            instance_id: instance.InstanceId,
            instance_type: instance.InstanceType ?? null,
            state: instance.State?.Name ?? null,
            private_ip: instance.PrivateIpAddress ?? null,
            availability_zone: instance.Placement?.AvailabilityZone ?? null,
            vpc_id: instance.VpcId ?? null,
            subnet_id: instance.SubnetId ?? null,
            image_id: instance.ImageId ?? null,
            platform: instance.Platform ?? null,
            iam_instance_profile_arn: instance.IamInstanceProfile?.Arn ?? null,
            launched_at: iso(instance.LaunchTime),
          },
        });
      }
    }
    yield found;
  }
}
