import { expectNoSeriousA11yViolations } from "../support/a11y.ts";
import { ADMIN, uniqueName } from "../support/accounts.ts";
import { accountIntegrationBody, createIntegration, SANDBOX } from "../support/api.ts";
import { attachScreenshot, expect, signIn, test } from "../support/test.ts";
import { choose, expectOpen, next, wizardStep } from "../support/wizard.ts";

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

test("a connector added inside the wizard is checked live and selected without leaving the wizard", async ({
  page,
}, testInfo) => {
  const name = uniqueName("wizard-conn");
  await page.goto("/catalog/aws/aws-account");
  await page.getByRole("checkbox", { name: "IAM user" }).check();
  await next(page);
  await expectOpen(page, "connector");
  await page.getByRole("button", { name: "+ Add new connector" }).click();

  const drawer = page.getByRole("dialog", { name: "Add new connector" });
  await drawer.getByRole("button", { name: "Register connector" }).click();
  await expect(drawer.getByText("Enter a name.")).toBeVisible();
  await expect(drawer.getByText("Select the region the connector runs in.")).toBeVisible();
  await drawer.getByRole("textbox", { name: "Connector name" }).fill(name);
  await choose(page, drawer.getByRole("combobox", { name: "Region" }), /^eu-west-1/, "eu-west-1");
  const registered = page.waitForResponse(
    (response) =>
      response.url().endsWith("/api/admin/v3/connectors") && response.request().method() === "POST",
  );
  await drawer.getByRole("button", { name: "Register connector" }).click();
  const connector = (await (await registered).json()) as { id: string; external_id: string };

  // Instructions for the role: the generated external id in the trust policy, both templates.
  await expect(drawer.getByText(`Connector ${name} is registered`)).toBeVisible();
  await expect(drawer.getByLabel("External ID", { exact: true })).toHaveText(connector.external_id);
  await expect(drawer.getByLabel("CloudFormation template", { exact: true })).toContainText(
    `Default: "${connector.external_id}"`,
  );
  await expect(drawer.getByLabel("CloudFormation template", { exact: true })).toContainText(
    "AmazonSSMManagedInstanceCore",
  );
  await drawer.getByRole("tab", { name: "Terraform" }).click();
  await expect(drawer.getByLabel("Terraform snippet", { exact: true })).toContainText(
    `"sts:ExternalId" = "${connector.external_id}"`,
  );
  await drawer.getByRole("tab", { name: "Policies (JSON)" }).click();
  await expect(drawer.getByLabel("Trust policy", { exact: true })).toContainText(connector.external_id);
  await expect(drawer.getByText("To sync and manage access to EC2 servers")).toBeVisible();
  await attachScreenshot(page, testInfo, "add-connector-instructions.png");
  await expectNoSeriousA11yViolations(page, testInfo, "add-connector-drawer");

  // A malformed ARN is caught by the form; a role that cannot be assumed fails the live check.
  const roleArn = drawer.getByRole("textbox", { name: "Role ARN" });
  await roleArn.fill("not-an-arn");
  await drawer.getByRole("button", { name: "Connect and check" }).click();
  await expect(
    drawer.getByText("Role ARN must look like arn:aws:iam::123456789012:role/RoleName."),
  ).toBeVisible();
  await roleArn.fill("arn:aws:iam::111111111111:role/DoesNotExist");
  await drawer.getByRole("button", { name: "Connect and check" }).click();
  // A role that cannot be assumed yet is Pending (setup unfinished), never Connected.
  await expect(drawer.getByTestId("connector-check-result")).toContainText(
    "Pending: the role does not work yet",
  );
  await attachScreenshot(page, testInfo, "add-connector-check-failed.png");

  // The demo role passes: the connector is selected and the panel closes.
  await roleArn.fill(SANDBOX.connectorRoleArn);
  await drawer.getByRole("button", { name: "Connect and check" }).click();
  await expect(drawer).toBeHidden();
  await expect(page.getByRole("combobox", { name: "Connector" })).toHaveValue(name);
  await expect(page.getByTestId("selected-connector")).toContainText("Connected");
  await expect(page.getByTestId("selected-connector")).toContainText("111111111111");
  await expectOpen(page, "connector");
  await next(page);
  await expectOpen(page, "integration-config");
  await expect(
    wizardStep(page, "integration-config").getByRole("textbox", { name: /Integration Name/ }),
  ).toBeFocused();
});

test("the Connectors tab lists status, last connected, account and region; re-checks, adds and deletes", async ({
  page,
  adminApi,
}, testInfo) => {
  await page.goto("/connectors");
  const sandbox = page.locator('[data-connector-id="aws-sandbox"]');
  await expect(sandbox.getByTestId("connector-status")).toHaveText("Connected");
  await expect(sandbox).toContainText("111111111111");
  await expect(sandbox).toContainText("us-east-1");
  await expect(sandbox).toContainText("Last connected");
  await sandbox.getByRole("button", { name: "Re-check" }).click();
  await expect(sandbox.getByTestId("connector-check-result")).toContainText("The check passed");
  await expectNoSeriousA11yViolations(page, testInfo, "connectors");

  // Add one from the tab.
  const name = uniqueName("tab-conn");
  await page.getByRole("button", { name: "+ Add new connector" }).first().click();
  const drawer = page.getByRole("dialog", { name: "Add new connector" });
  await drawer.getByRole("textbox", { name: "Connector name" }).fill(name);
  await choose(page, drawer.getByRole("combobox", { name: "Region" }), /^us-west-2/, "us-west-2");
  await drawer.getByRole("button", { name: "Register connector" }).click();
  await drawer.getByRole("textbox", { name: "Role ARN" }).fill(SANDBOX.connectorRoleArn);
  await drawer.getByRole("button", { name: "Connect and check" }).click();
  await expect(drawer).toBeHidden();
  const row = page.getByTestId("connector-row").filter({ hasText: name });
  await expect(row.getByTestId("connector-status")).toHaveText("Connected");
  await expect(row).toContainText("us-west-2");
  await attachScreenshot(page, testInfo, "connectors.png");

  // A connector that an integration uses cannot be deleted; the reason is shown.
  const id = await row.getAttribute("data-connector-id");
  const integration = await createIntegration(adminApi, accountIntegrationBody({ connector_id: id ?? "" }));
  await row.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${name}?` });
  await dialog.getByRole("button", { name: "Delete connector" }).click();
  await expect(dialog.getByRole("alert")).toContainText(integration.name);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Once unused, it can be deleted.
  await adminApi.delete(`/api/admin/v4/integrations/${integration.id}`);
  await row.getByRole("button", { name: "Delete" }).click();
  // The earlier failure was forgotten on Cancel: it does not greet the next attempt.
  await expect(dialog.getByRole("button", { name: "Delete connector" })).toBeVisible();
  await expect(dialog.getByRole("alert")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Delete connector" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("connector-row").filter({ hasText: name })).toHaveCount(0);
});
