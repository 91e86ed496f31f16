import { describe, expect, it } from "vitest";
import { buildGrantContext, GrantContextError } from "./grant-context.ts";

const connector = {
  id: "c-1",
  roleArn: "arn:aws:iam::111111111111:role/Connector",
  externalId: "ext",
  region: "eu-west-1",
};

describe("buildGrantContext", () => {
  it("builds an organization's chain from its stored settings, with the member role's default", () => {
    expect(
      buildGrantContext({
        integrationId: "i-1",
        type: "aws-organization",
        integrationConfig: {
          region: "us-east-1",
          sso_region: "eu-central-1",
          management_account_role_arn: "arn:aws:iam::111111111111:role/Mgmt",
          member_account_role_name: "",
        },
        connector,
      }),
    ).toEqual({
      integrationId: "i-1",
      kind: "aws-organization",
      connector,
      region: "us-east-1",
      ssoRegion: "eu-central-1",
      managementRoleArn: "arn:aws:iam::111111111111:role/Mgmt",
      memberRoleName: "OrganizationAccountAccessRole",
    });
  });

  it("uses the connector's region for an account without one", () => {
    expect(
      buildGrantContext({
        integrationId: "i-2",
        type: "aws-account",
        integrationConfig: { region: "" },
        connector,
      }),
    ).toMatchObject({ kind: "aws-account", region: "eu-west-1" });
  });

  it("says which setting is missing", () => {
    const build = () =>
      buildGrantContext({
        integrationId: "i-3",
        type: "aws-organization",
        integrationConfig: { sso_region: "us-east-1" },
        connector,
      });
    expect(build).toThrow(GrantContextError);
    expect(build).toThrow("The integration has no Management Account Role ARN.");
    expect(() =>
      buildGrantContext({
        integrationId: "i-4",
        type: "aws-account",
        integrationConfig: {},
        connector: null,
      }),
    ).toThrow("The integration has no connector.");
  });
});
