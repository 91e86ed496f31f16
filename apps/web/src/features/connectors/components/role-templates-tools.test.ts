import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  managementRoleCloudFormation,
  managementRoleTerraform,
  memberRoleStackSet,
} from "./org-role-templates.ts";
import { cloudFormationTemplate, terraformRoleSnippet } from "./role-templates.ts";

// The real tools, where they are installed: cfn-lint (pip) on every CloudFormation template and
// `terraform fmt -check` on every Terraform snippet. role-templates.test.ts checks the same
// rules without them, for machines that have neither; these skip there, saying so.
function installed(tool: string, versionArg: string): boolean {
  return spawnSync(tool, [versionArg], { stdio: "ignore" }).status === 0;
}
const HAS_CFN_LINT = installed("cfn-lint", "--version");
const HAS_TERRAFORM = installed("terraform", "version");

const connector = {
  // Quotes and what would start a Terraform interpolation, on purpose.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text "${x}" is the point.
  connectorName: 'Prod "eu" ${x}',
  externalId: "ext-123",
  trustedPrincipalArn: "arn:aws:iam::111122223333:root",
  roleName: "PortcullisConnector",
};
const management = {
  connectorRoleArn: "arn:aws:iam::111122223333:role/PortcullisConnector",
  externalId: "ext-123",
  roleName: "PortcullisManagementRole",
  memberRoleName: "PortcullisMemberReadOnly",
};
const MANAGEMENT_ARN = "arn:aws:iam::111122223333:role/PortcullisManagementRole";

const scratch = mkdtempSync(join(tmpdir(), "portcullis-role-templates-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Generous: cfn-lint loads its whole resource specification first, slowly on a busy machine.
const TOOL_TIMEOUT = 600_000;

describe("role templates, checked by the real tools", () => {
  it.skipIf(!HAS_CFN_LINT)(
    "cfn-lint finds nothing in any CloudFormation template (skipped where cfn-lint is not installed)",
    () => {
      const templates = {
        "connector-account.yaml": cloudFormationTemplate(connector),
        "connector-organization.yaml": cloudFormationTemplate({
          ...connector,
          managementRoleArn: MANAGEMENT_ARN,
        }),
        "management-role.yaml": managementRoleCloudFormation(management),
        "member-role-all-types.yaml": memberRoleStackSet({
          managementRoleArn: MANAGEMENT_ARN,
          roleName: "R",
        }),
        "member-role-s3.yaml": memberRoleStackSet({
          managementRoleArn: MANAGEMENT_ARN,
          roleName: "R",
          resourceTypes: ["aws-organization-s3-bucket"],
        }),
      };
      const files = Object.entries(templates).map(([name, text]) => {
        writeFileSync(join(scratch, name), text);
        return join(scratch, name);
      });
      const result = spawnSync("cfn-lint", ["--format", "parseable", ...files], { encoding: "utf8" });
      expect(`${result.stdout}${result.stderr}`.trim()).toBe("");
      expect(result.status).toBe(0);
    },
    TOOL_TIMEOUT,
  );

  it.skipIf(!HAS_TERRAFORM)(
    "terraform fmt -check finds every Terraform snippet formatted (skipped where terraform is not installed)",
    () => {
      const snippets = [
        terraformRoleSnippet(connector),
        terraformRoleSnippet({ ...connector, managementRoleArn: MANAGEMENT_ARN }),
        managementRoleTerraform(management),
      ];
      for (const snippet of snippets) {
        // `fmt -` reads stdin and prints it formatted: the snippet must come back unchanged.
        const formatted = execFileSync("terraform", ["fmt", "-no-color", "-"], {
          input: snippet,
          encoding: "utf8",
          env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
        });
        expect(formatted).toBe(snippet);
      }
    },
    TOOL_TIMEOUT,
  );
});
