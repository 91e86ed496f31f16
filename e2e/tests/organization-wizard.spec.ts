import { expectNoSeriousA11yViolations } from "../support/a11y.ts";
import { ADMIN, uniqueName } from "../support/accounts.ts";
import { SANDBOX } from "../support/api.ts";
import { attachScreenshot, expect, signIn, test } from "../support/test.ts";
import {
  choose,
  expectOpen,
  next,
  progressSeen,
  recordStatusBadges,
  statusesSeen,
  wizardStep,
} from "../support/wizard.ts";

test("an admin connects an Amazon Organization from the Catalog and it becomes Active by itself", async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  const name = uniqueName("e2e-org");
  await recordStatusBadges(page);
  await signIn(page, ADMIN);

  await page.goto("/catalog");
  await page.getByRole("link", { name: /^AWS/ }).click();
  await page.getByRole("link", { name: /Amazon Organization/ }).click();
  await expect(page.getByRole("heading", { name: "Connect Amazon Organization" })).toBeVisible();

  // 1. Resource types of an organization.
  await expectOpen(page, "resource-types");
  for (const label of [
    "AWS account",
    "Permission set",
    "IAM Identity Center group",
    "IAM role",
    "S3 bucket",
  ]) {
    await expect(page.getByRole("checkbox", { name: label })).toBeVisible();
  }
  await page.getByRole("checkbox", { name: "AWS account" }).check();
  await page.getByRole("checkbox", { name: "Permission set" }).check();
  await page.getByRole("checkbox", { name: "IAM role" }).check();
  await expect(page.getByTestId("resource-type-prerequisites")).toContainText(
    "IAM Identity Center must be enabled",
  );
  await attachScreenshot(page, testInfo, "organization-step-1-resource-types.png");
  await next(page);

  // 2. Connector.
  await expectOpen(page, "connector");
  await choose(page, page.getByRole("combobox", { name: "Connector" }), /AWS sandbox \(demo\)/);
  await attachScreenshot(page, testInfo, "organization-step-2-connector.png");
  await next(page);

  // 3. Integration Config, with the per-id check of Exclude Organization Unit IDs.
  await expectOpen(page, "integration-config");
  const config = wizardStep(page, "integration-config");
  await expect(config.getByText("Example: ou-aaa1-11111111,ou-bbb2-22222222")).toBeVisible();
  await config.getByRole("textbox", { name: /Integration Name/ }).fill(name);
  await choose(page, config.getByRole("combobox", { name: /^Region/ }), /^us-east-1/, "us-east-1");
  await choose(page, config.getByRole("combobox", { name: /AWS SSO Region/ }), /^us-east-1/, "us-east-1");
  await config.getByRole("textbox", { name: /SSO Portal/ }).fill("https://d-9067c4b1a2.awsapps.com/start");
  await config.getByRole("textbox", { name: /Management Account Role ARN/ }).fill(SANDBOX.managementRoleArn);
  const exclude = config.getByRole("textbox", { name: /Exclude Organization Unit IDs/ });
  await exclude.fill("ou-p0rt-sbx00001, ou-aaa1-1111");
  await expect(config.getByRole("listitem").filter({ hasText: "ou-aaa1-1111" })).toContainText("✕");
  await next(page);
  await expect(config.getByText('"ou-aaa1-1111" is not a valid organizational unit ID')).toBeVisible();
  await expect(exclude).toBeFocused();
  await exclude.fill("ou-p0rt-sbx00001");
  await expect(config.getByRole("textbox", { name: /Member Account Role Name/ })).toHaveValue(
    "OrganizationAccountAccessRole",
  );
  await attachScreenshot(page, testInfo, "organization-step-3-integration-config.png");
  await next(page);

  // 4. Get more: no Credential Rotation for organizations; a group as integration owner.
  await expectOpen(page, "get-more");
  const more = wizardStep(page, "get-more");
  await expect(more.getByRole("textbox", { name: /Credential Rotation/ })).toHaveCount(0);
  await more
    .getByRole("textbox", { name: /Custom Access Details/ })
    .fill("Sign in through the AWS access portal.");
  const owner = page.getByRole("region", { name: /Integration Owner/ });
  await choose(page, owner.getByRole("combobox", { name: "Integration owner attribute" }), /^Group/);
  await choose(page, owner.getByRole("combobox", { name: /Value/ }), /Platform/, "Plat");
  await attachScreenshot(page, testInfo, "organization-step-4-get-more.png");
  await next(page);

  // 5. Confirm.
  await expectOpen(page, "confirm");
  const confirm = wizardStep(page, "confirm");
  await expect(confirm.getByText("AWS account, Permission set, IAM role")).toBeVisible();
  await expect(confirm.getByRole("cell", { name: "ou-p0rt-sbx00001" })).toBeVisible();
  await expect(confirm.getByRole("cell", { name: SANDBOX.managementRoleArn })).toBeVisible();
  await confirm.getByRole("button", { name: "Using Terraform?" }).click();
  await expect(confirm.getByLabel("Terraform configuration", { exact: true })).toContainText(
    'type                     = "aws-organization"',
  );
  await attachScreenshot(page, testInfo, "organization-step-5-confirm.png");
  await expectNoSeriousA11yViolations(page, testInfo, "wizard-organization-confirm");

  const created = page.waitForResponse(
    (response) =>
      response.url().endsWith("/api/admin/v4/integrations") && response.request().method() === "POST",
  );
  await confirm.getByRole("button", { name: "Confirm" }).click();
  const integration = (await (await created).json()) as { id: string; status: string };
  expect(integration.status).toBe("Initializing");

  await expect(page).toHaveURL(/\/connected\?highlight=/);
  const row = page.locator(`[data-integration-id="${integration.id}"]`);
  await expect(row).toHaveAttribute("data-highlighted", "true");
  await expect(row.getByTestId("integration-status")).toHaveText(/^(Active|Warning)$/, { timeout: 90_000 });
  await expect(row).toContainText(/\d+ accounts · \d+ resources/);
  const seen = await statusesSeen(page, integration.id);
  expect(seen[0]).toBe("Initializing");
  // While it initialized, the row showed the fetch's progress.
  expect((await progressSeen(page, integration.id))[0]).toMatch(/found so far|Waiting for the first fetch/);
  await attachScreenshot(page, testInfo, "organization-connected.png");
});
