import { CreateRoleCommand, GetUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateUserCommand, IdentitystoreClient } from "@aws-sdk/client-identitystore";
import {
  CreatePermissionSetCommand,
  ListAccountAssignmentsCommand,
  ListInstancesCommand,
  SSOAdminClient,
} from "@aws-sdk/client-sso-admin";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../discovery/aws/aws-clients.ts";
import { RoleSessions } from "../discovery/aws/role-sessions.ts";
import { AwsAccessGranter } from "./aws-access-granter.ts";
import { managedUserName } from "./managed-user-name.ts";
import { grantingConfig, pointSdkAt } from "./testing/granting-harness.ts";
import { findMotoServer, type MotoServer, startMotoServer } from "./testing/moto-server.ts";
import type { GrantContext, GrantSubject, GrantTarget } from "./types.ts";

// The same granter, unchanged, against moto through AWS_ENDPOINT_URL: what moto serves of
// Identity Center (assignments answer SUCCEEDED at once; the identity store) and of IAM. Moto
// does not authorise calls by policy, so whether a key works is proven against the sandbox.

const MOTO = findMotoServer();
const ACCOUNT = "123456789012"; // moto's default account
const REGION = "us-east-1";
const KEY = { accessKeyId: "AKIAMOTOTESTING", secretAccessKey: "moto-testing" };

let moto: MotoServer;
let restore: () => void;
let aws: AwsClients;
let granter: AwsAccessGranter;
let target: Extract<GrantTarget, { kind: "sso-account-assignment" }>;
let ctx: GrantContext;
const subject: GrantSubject = {
  personId: "7d0e7f5a-0000-4000-8000-000000000001",
  email: "dana@example.com",
  userName: "dana",
};

describe.skipIf(!MOTO)(
  `granting against moto_server (${MOTO ?? "skipped: moto_server not found (set MOTO_SERVER or put it on PATH)"})`,
  () => {
    beforeAll(async () => {
      moto = await startMotoServer(MOTO!);
      restore = pointSdkAt(moto.url);
      const client = { endpoint: moto.url, region: REGION, credentials: KEY };
      const iam = new IAMClient(client);
      for (const RoleName of ["PortcullisManagementRole", "app-readers"]) {
        await iam.send(
          new CreateRoleCommand({
            RoleName,
            AssumeRolePolicyDocument: JSON.stringify({
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "sts:AssumeRole" }],
            }),
          }),
        );
      }
      const sso = new SSOAdminClient(client);
      const [instance] = (await sso.send(new ListInstancesCommand({}))).Instances!;
      const ps = await sso.send(
        new CreatePermissionSetCommand({ InstanceArn: instance!.InstanceArn, Name: "ReadOnly" }),
      );
      await new IdentitystoreClient(client).send(
        new CreateUserCommand({
          IdentityStoreId: instance!.IdentityStoreId,
          UserName: "dana-idc",
          DisplayName: "Dana",
          Name: { GivenName: "Dana", FamilyName: "Lee" },
          Emails: [{ Value: subject.email, Primary: true }],
        }),
      );
      target = {
        kind: "sso-account-assignment",
        accountId: ACCOUNT,
        permissionSetArn: ps.PermissionSet!.PermissionSetArn!,
        permissionSetName: "ReadOnly",
        instanceArn: instance!.InstanceArn!,
        identityStoreId: instance!.IdentityStoreId!,
      };
      ctx = {
        integrationId: "00000000-0000-4000-8000-0000000000aa",
        kind: "aws-organization",
        connector: { id: "moto", roleArn: null, externalId: "moto-external-id", region: REGION },
        region: REGION,
        ssoRegion: REGION,
        managementRoleArn: `arn:aws:iam::${ACCOUNT}:role/PortcullisManagementRole`,
        memberRoleName: "OrganizationAccountAccessRole",
      };
      aws = new AwsClients(grantingConfig(), { baseCredentials: async () => KEY });
      granter = new AwsAccessGranter(
        { aws, sessions: new RoleSessions(aws) },
        { identityCenter: { pollIntervalMs: 0 } },
      );
    }, 120_000);

    afterAll(async () => {
      aws?.destroy();
      restore?.();
      await moto?.close();
    });

    it("assigns a permission set to the Identity Center user found by email, once, and removes it", async () => {
      const sso = new SSOAdminClient({ endpoint: moto.url, region: REGION, credentials: KEY });
      const principals = async () =>
        (
          await sso.send(
            new ListAccountAssignmentsCommand({
              InstanceArn: target.instanceArn,
              AccountId: ACCOUNT,
              PermissionSetArn: target.permissionSetArn,
            }),
          )
        ).AccountAssignments!.map((a) => a.PrincipalId);

      const granted = await granter.grant(ctx, subject, target);
      expect(granted).toMatchObject({
        status: "granted",
        detail: { identityCenterUserId: expect.any(String) },
      });
      const userId = granted.status === "granted" ? granted.detail.identityCenterUserId : undefined;
      expect(await principals()).toEqual([userId]);
      expect(await granter.isPresent(ctx, subject, target)).toBe(true);
      // Granting again does not assign twice (moto would keep a duplicate).
      expect((await granter.grant(ctx, subject, target)).status).toBe("granted");
      expect(await principals()).toEqual([userId]);

      expect(await granter.revoke(ctx, subject, target)).toEqual({ status: "revoked" });
      expect(await principals()).toEqual([]);
      expect(await granter.isPresent(ctx, subject, target)).toBe(false);
      expect(await granter.revoke(ctx, subject, target)).toEqual({ status: "revoked" });
    });

    it("keeps a managed IAM user with an inline policy per target and one access key", async () => {
      const role: GrantTarget = {
        kind: "iam-role",
        accountId: ACCOUNT,
        roleArn: `arn:aws:iam::${ACCOUNT}:role/app-readers`,
      };
      const granted = await granter.grant(ctx, subject, role);
      const name = managedUserName(subject);
      expect(granted).toMatchObject({
        status: "granted",
        detail: {
          managedUserName: name,
          managedUserArn: `arn:aws:iam::${ACCOUNT}:user/portcullis/${name}`,
          accessKey: { accessKeyId: expect.any(String), secretAccessKey: expect.any(String) },
        },
      });
      const iam = new IAMClient({ endpoint: moto.url, region: REGION, credentials: KEY });
      expect((await iam.send(new GetUserCommand({ UserName: name }))).User?.Path).toBe("/portcullis/");
      expect(await granter.isPresent(ctx, subject, role)).toBe(true);

      const again = await granter.grant(ctx, subject, role);
      expect(again.status === "granted" && again.detail.accessKey).toBeFalsy();

      expect(await granter.revoke(ctx, subject, role)).toEqual({ status: "revoked" });
      expect(await granter.isPresent(ctx, subject, role)).toBe(false);
    });
  },
);
