import { ADMIN, uniqueName } from "../support/accounts.ts";
import { accountIntegrationBody, createIntegration, SANDBOX } from "../support/api.ts";
import { attachScreenshot, expect, signIn, test } from "../support/test.ts";
import { choose, expectOpen, next, wizardStep } from "../support/wizard.ts";

// Issue #16 §1–§3: connectors that say how they reach AWS, a Test button with named checks
// before Confirm, and names checked (ignoring case) as the field is left.

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

test("a connector without a role says it uses the server's own credentials; a role that does not work yet is Pending; Finish setup connects it", async ({
  page,
}, testInfo) => {
  const name = uniqueName("honest-conn");
  await page.goto("/connectors");
  await page.getByRole("button", { name: "+ Add new connector" }).first().click();
  const drawer = page.getByRole("dialog", { name: "Add new connector" });
  await drawer.getByRole("textbox", { name: "Connector name" }).fill(name);
  await choose(page, drawer.getByRole("combobox", { name: "Region" }), /^us-east-1/, "us-east-1");
  await drawer.getByRole("button", { name: "Register connector" }).click();

  // Registered without a role: never "the check passed", but whose credentials it uses.
  const result = drawer.getByTestId("connector-check-result");
  await expect(result).toContainText("Uses the Portcullis server's own credentials");
  await expect(result).toContainText("arn:aws:iam::111111111111:user/");
  await expect(result).toContainText("Add a role ARN");
  await expect(result).not.toContainText("The check passed");
  await expect(drawer.getByRole("textbox", { name: "Role ARN" })).toBeVisible();
  // The panel's words are true: no AssumeRole on any role in any account.
  await expect(drawer.getByLabel("CloudFormation template", { exact: true })).not.toContainText("role/*");
  await attachScreenshot(page, testInfo, "connector-server-credentials.png");

  // A role that cannot be assumed yet: Pending, with what is missing.
  await drawer
    .getByRole("textbox", { name: "Role ARN" })
    .fill("arn:aws:iam::111111111111:role/NotCreatedYet");
  await drawer.getByRole("button", { name: "Connect and check" }).click();
  await expect(result).toContainText("Pending: the role does not work yet");
  await expect(result).toContainText("NotCreatedYet");
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();

  const row = page.getByTestId("connector-row").filter({ hasText: name });
  await expect(row.getByTestId("connector-status")).toHaveText("Pending");
  await expect(row.getByTestId("connector-used-by")).toHaveText("Used by 0 integrations");
  await attachScreenshot(page, testInfo, "connector-pending.png");

  // Finish setup: change the role ARN, see the templates again; the working role connects it.
  await row.getByRole("button", { name: "Finish setup" }).click();
  const edit = page.getByRole("dialog", { name: `Edit ${name}` });
  await expect(edit.getByLabel("CloudFormation template", { exact: true })).toBeVisible();
  await edit.getByRole("textbox", { name: "Role ARN" }).fill(SANDBOX.connectorRoleArn);
  await edit.getByRole("button", { name: "Save and check" }).click();
  await expect(edit).toBeHidden();
  await expect(row.getByTestId("connector-status")).toHaveText("Connected");
  await expect(row.getByRole("button", { name: "Edit" })).toBeVisible();
});

test("connector cards say how many integrations use them", async ({ page, adminApi }) => {
  const name = uniqueName("used-conn");
  const connector = await adminApi.post<{ id: string }>("/api/admin/v3/connectors", {
    name,
    region: "us-east-1",
    role_arn: SANDBOX.connectorRoleArn,
  });
  await createIntegration(adminApi, accountIntegrationBody({ connector_id: connector.id }));
  await createIntegration(adminApi, accountIntegrationBody({ connector_id: connector.id }));
  await page.goto("/connectors");
  const row = page.locator(`[data-connector-id="${connector.id}"]`);
  await expect(row.getByTestId("connector-used-by")).toHaveText("Used by 2 integrations");
});

test("the organization wizard shows the role templates and a Test button whose failed checks link to their field", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.goto("/catalog/aws/aws-organization");
  await page.getByRole("checkbox", { name: "AWS account" }).check();
  await next(page);
  await expectOpen(page, "connector");
  await choose(page, page.getByRole("combobox", { name: "Connector" }), /AWS sandbox \(demo\)/);
  await next(page);
  await expectOpen(page, "integration-config");
  const config = wizardStep(page, "integration-config");
  await config.getByRole("textbox", { name: /Integration Name/ }).fill(uniqueName("checked-org"));
  await choose(page, config.getByRole("combobox", { name: /^Region/ }), /^us-east-1/, "us-east-1");
  await choose(page, config.getByRole("combobox", { name: /AWS SSO Region/ }), /^us-east-1/, "us-east-1");
  await config.getByRole("textbox", { name: /SSO Portal/ }).fill("https://d-9067c4b1a2.awsapps.com/start");
  await config.getByRole("textbox", { name: /Management Account Role ARN/ }).fill(SANDBOX.managementRoleArn);
  const exclude = config.getByRole("textbox", { name: /Exclude Organization Unit IDs/ });
  await exclude.fill("ou-zzzz-99999999");

  // The Management Account Role and the member role, generated.
  const templates = config.getByTestId("organization-role-templates");
  await templates.getByRole("button", { name: /How to create the Management Account Role/ }).click();
  await expect(templates.getByLabel("Management role CloudFormation", { exact: true })).toContainText(
    "sts:ExternalId",
  );
  await templates.getByRole("tab", { name: "Member role: StackSet" }).click();
  await expect(templates).toContainText("Safer than OrganizationAccountAccessRole");

  // Test: named checks from live AWS calls; the unknown OU fails and links to its field.
  await config.getByRole("button", { name: "Test", exact: true }).click();
  const checks = config.getByTestId("setup-check");
  await expect(checks.filter({ hasText: "Connector reachable" })).toHaveAttribute("data-status", "passed");
  await expect(checks.filter({ hasText: "Management role assumable" })).toHaveAttribute(
    "data-status",
    "passed",
  );
  const ou = checks.filter({ hasText: "Excluded OU ou-zzzz-99999999 exists" });
  await expect(ou).toHaveAttribute("data-status", "failed");
  await attachScreenshot(page, testInfo, "organization-setup-checks.png");
  await exclude.fill("");
  await ou.getByRole("button", { name: /^Fix Exclude Organization Unit IDs/ }).click();
  await expect(exclude).toBeFocused();
});

test("an integration name is checked ignoring case when the field is left", async ({ page, adminApi }) => {
  const taken = uniqueName("UX Prod Account");
  await createIntegration(adminApi, accountIntegrationBody({ name: taken }));
  await page.goto("/catalog/aws/aws-account");
  await page.getByRole("checkbox", { name: "IAM role" }).check();
  await next(page);
  await choose(page, page.getByRole("combobox", { name: "Connector" }), /AWS sandbox \(demo\)/);
  await next(page);
  await expectOpen(page, "integration-config");
  const config = wizardStep(page, "integration-config");
  const nameField = config.getByRole("textbox", { name: /Integration Name/ });
  await nameField.fill(taken.toLowerCase());
  await nameField.blur();
  await expect(config.getByText("An integration with this name already exists")).toBeVisible();
});
