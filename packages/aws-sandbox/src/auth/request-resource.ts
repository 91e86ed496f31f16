import type { IdentifiedRequest } from "../server/identify-request.ts";
import type { SandboxState } from "../state/sandbox-state.ts";
import type { World } from "../world/types.ts";
import type { Caller } from "./caller.ts";

export type RequestResource = { readonly type: string; readonly arn: string };

// The resource a call acts on, for policy evaluation and CloudTrail's Resources. Only the
// resources the sandbox models are named; other calls act on "*".
export function requestResource(
  request: IdentifiedRequest,
  caller: Caller,
  world: World,
  state: SandboxState,
): RequestResource | undefined {
  const account = caller.accountId;
  switch (request.service) {
    case "sts": {
      const roleArn = request.params.get("RoleArn");
      return request.operation === "AssumeRole" && roleArn !== null
        ? { type: "AWS::IAM::Role", arn: roleArn }
        : undefined;
    }
    case "s3":
      return request.bucket === undefined
        ? undefined
        : { type: "AWS::S3::Bucket", arn: `arn:aws:s3:::${request.bucket}` };
    case "iam": {
      const roleName = request.params.get("RoleName");
      if (roleName !== null) {
        const role = world.accounts.get(account)?.rolesByName.get(roleName);
        return { type: "AWS::IAM::Role", arn: role?.arn ?? `arn:aws:iam::${account}:role/${roleName}` };
      }
      const userName = request.params.get("UserName");
      if (userName !== null) {
        const user = state.iam.user(account, userName);
        return { type: "AWS::IAM::User", arn: user?.arn ?? `arn:aws:iam::${account}:user/${userName}` };
      }
      return undefined;
    }
    case "rds": {
      const id = request.params.get("DBInstanceIdentifier");
      return id === null
        ? undefined
        : { type: "AWS::RDS::DBInstance", arn: `arn:aws:rds:${request.region}:${account}:db:${id}` };
    }
    default:
      return undefined;
  }
}
