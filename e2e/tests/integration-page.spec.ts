import { expectNoSeriousA11yViolations } from "../support/a11y.ts";
import { ADMIN, uniqueName } from "../support/accounts.ts";
import {
  accountIntegrationBody,
  createIntegration,
  type Integration,
  type OrganizationIntegrationBody,
  SANDBOX,
  SANDBOX_CONNECTOR_ID,
  waitForStatus,
} from "../support/api.ts";
import { attachScreenshot, expect, signIn, test } from "../support/test.ts";
import { expectOpen, next, wizardStep } from "../support/wizard.ts";

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

function organizationBody(): OrganizationIntegrationBody {
  return {
    type: "aws-organization",
    name: uniqueName("page-org"),
    connector_id: SANDBOX_CONNECTOR_ID,
    connected_resource_types: [
      "aws-organization-account",
      "aws-organization-permission-set",
      "aws-organization-group",
      "aws-organization-iam-role",
      "aws-organization-s3-bucket",
    ],
    integration_config: {
      region: "us-east-1",
      sso_region: "us-east-1",
      sso_portal: "https://d-9067c4b1a2.awsapps.com/start",
      management_account_role_arn: SANDBOX.managementRoleArn,
    },
    owner: {
      attribute_type: "user",
      attribute_value: ["dave@portcullis.dev"],
      source_integration_reference: "Demo directory",
    },
    owners_mapping: {
      key_name: "owner",
      attribute_type: "user",
      source_integration_reference: "Demo directory",
    },
  };
}

test("the integration page shows the configuration, fetch history and resources, and refreshes", async ({
  page,
  adminApi,
}, testInfo) => {
  test.setTimeout(120_000);
  const created = await createIntegration(adminApi, organizationBody());
  const active = await waitForStatus(adminApi, created.id, ["Active", "Warning"]);
  const total = active.portcullis.sync?.resources_found ?? 0;
  expect(total).toBeGreaterThan(25);

  await page.goto(`/connected/${created.id}`);
  await expect(page.getByRole("heading", { name: created.name, level: 2 })).toBeVisible();
  await expect(page.getByTestId("integration-status")).toHaveText(active.status);

  // Configuration summary.
  const summary = page.getByRole("tabpanel", { name: "Configuration" });
  await expect(summary.getByRole("row", { name: /Connector/ })).toContainText("AWS sandbox (demo)");
  await expect(summary.getByRole("row", { name: /Management Account Role ARN/ })).toContainText(
    SANDBOX.managementRoleArn,
  );
  await expect(summary.getByRole("row", { name: /Integration Owner/ })).toContainText("dave@portcullis.dev");
  await expect(summary.getByRole("row", { name: /Resource Owner/ })).toContainText('Tag "owner"');
  await expectNoSeriousA11yViolations(page, testInfo, "integration-configuration");

  // Fetch history: the run with its duration and counts.
  await page.getByRole("tab", { name: "Fetch history" }).click();
  const run = page.getByTestId("sync-run-row").first();
  await expect(run).toContainText(/Succeeded|Partial/);
  await expect(run).toContainText(String(total));
  await expect(run).toContainText(/\d+(\.\d+)? ?(ms|s|min)/);
  await attachScreenshot(page, testInfo, "integration-fetch-history.png");
  await expectNoSeriousA11yViolations(page, testInfo, "integration-fetch-history");

  // Resources: paginated, filtered by type, searched; tags and where the owner came from.
  await page.getByRole("tab", { name: "Resources" }).click();
  const rows = page.getByTestId("resource-row");
  await expect(rows).toHaveCount(25);
  await expect(page.getByText(`1–25 of ${total}`)).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText(`26–${total} of ${total}`)).toBeVisible();
  await page.getByRole("button", { name: "Previous" }).click();
  await expect(page.getByText(`1–25 of ${total}`)).toBeVisible();

  // A filter chosen on page 2 starts again from its own first page.
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText(`26–${total} of ${total}`)).toBeVisible();
  const resources = page.getByRole("tabpanel", { name: "Resources" });
  await resources.getByRole("combobox", { name: "Resource type" }).click();
  await page.getByRole("option", { name: "S3 bucket" }).click();
  await expect(page.getByText(/^1–\d+ of \d+$/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Previous" })).toBeDisabled();
  await expect(rows.first()).toContainText("S3 bucket");
  for (const row of await rows.all()) await expect(row).toContainText("S3 bucket");
  await resources.getByRole("searchbox", { name: "Search" }).fill("cloudtrail");
  await expect(rows).toHaveCount(1);
  const trail = rows.first();
  await expect(trail).toContainText("portcullis-org-cloudtrail");
  await expect(trail).toContainText("owner=alice@portcullis.dev");
  await expect(trail).toContainText("alice@portcullis.dev");
  await expect(trail).toContainText("from tag");
  // Which source and attribute resolved the owner, read live from the directory.
  await expect(trail.getByTestId("owner-resolved-by")).toHaveText(
    "Demo directory · user = alice@portcullis.dev",
  );
  await resources.getByRole("searchbox", { name: "Search" }).fill("billing");
  await expect(rows.first()).toContainText("fallback owner");
  await expect(rows.first()).toContainText("dave@portcullis.dev");
  await expect(rows.first().getByTestId("owner-resolved-by")).toHaveText(
    "Demo directory · user = dave@portcullis.dev",
  );
  await resources.getByRole("searchbox", { name: "Search" }).fill("no-such-resource");
  await expect(page.getByText("No resource matches")).toBeVisible();
  await attachScreenshot(page, testInfo, "integration-resources.png");
  await expectNoSeriousA11yViolations(page, testInfo, "integration-resources");

  // Refresh starts a new fetch; the page follows it until it is done.
  const before = active.portcullis.sync as unknown as { run_id: string };
  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: /fetch|refresh/i })
      .first(),
  ).toBeVisible();
  await expect
    .poll(
      async () =>
        (
          await adminApi.get<Integration & { portcullis: { sync: { run_id: string } } }>(
            `/api/admin/v4/integrations/${created.id}`,
          )
        ).portcullis.sync.run_id,
    )
    .not.toBe(before.run_id);
  await expect(page.getByTestId("integration-status")).toHaveText(/^(Active|Warning)$/, { timeout: 60_000 });
  await expect(page.getByRole("button", { name: "Refresh" })).toBeEnabled();
});

test("Warning and Error show the reason and what to do", async ({ page, adminApi }, testInfo) => {
  const broken = await createIntegration(adminApi, {
    ...organizationBody(),
    integration_config: {
      ...organizationBody().integration_config,
      management_account_role_arn: "arn:aws:iam::111111111111:role/DoesNotExist",
    },
    owner: null,
    owners_mapping: null,
  });
  const failed = await waitForStatus(adminApi, broken.id, ["Error", "Warning"]);
  await page.goto(`/connected?highlight=${broken.id}`);
  const row = page.locator(`[data-integration-id="${broken.id}"]`);
  await expect(row.getByTestId("integration-status")).toHaveText(failed.status);
  await expect(row.getByTestId("status-details")).toContainText("cannot be assumed");
  await expect(row.getByTestId("status-details")).toContainText("trust policy");
  await page.goto(`/connected/${broken.id}`);
  await expect(page.getByTestId("status-details")).toContainText(failed.portcullis.status_message ?? "");
  await attachScreenshot(page, testInfo, "integration-error.png");
  await expectNoSeriousA11yViolations(page, testInfo, "integration-error");
});

test("Edit opens the same wizard pre-filled with the type fixed; Delete asks first", async ({
  page,
  adminApi,
}, testInfo) => {
  const created = await createIntegration(
    adminApi,
    accountIntegrationBody({
      custom_access_details: "Ask in #cloud-access.",
      integration_config: { region: "eu-west-1" },
    }),
  );
  await waitForStatus(adminApi, created.id, ["Active", "Warning"]);
  await page.goto(`/connected/${created.id}`);
  await page.getByRole("link", { name: "Edit" }).click();

  await expect(page.getByRole("heading", { name: `Edit ${created.name}` })).toBeVisible();
  await expect(page.getByText("The type is fixed.")).toBeVisible();
  await expectOpen(page, "resource-types");
  await expectNoSeriousA11yViolations(page, testInfo, "edit-wizard");
  await expect(page.getByRole("checkbox", { name: "IAM role" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "S3 bucket" })).toBeChecked();
  await next(page);
  await expectOpen(page, "connector");
  await expect(page.getByRole("combobox", { name: "Connector" })).toHaveValue("AWS sandbox (demo)");
  await next(page);
  await expectOpen(page, "integration-config");
  const config = wizardStep(page, "integration-config");
  await expect(config.getByRole("textbox", { name: /Integration Name/ })).toHaveValue(created.name);
  await expect(config.getByRole("combobox", { name: /Region/ })).toHaveValue(/eu-west-1/);
  await expect(config.getByRole("textbox", { name: /AWS Profile Name/ })).toHaveValue("apono");
  await config.getByRole("textbox", { name: /AWS Profile Name/ }).fill("dev-profile");
  await next(page);
  await expectOpen(page, "get-more");
  await expect(
    wizardStep(page, "get-more").getByRole("textbox", { name: /Custom Access Details/ }),
  ).toHaveValue("Ask in #cloud-access.");
  await next(page);
  await expectOpen(page, "confirm");
  await attachScreenshot(page, testInfo, "edit-confirm.png");
  await wizardStep(page, "confirm").getByRole("button", { name: "Save changes" }).click();

  await expect(page).toHaveURL(new RegExp(`/connected/${created.id}$`));
  await expect(
    page.getByRole("tabpanel", { name: "Configuration" }).getByRole("row", { name: /AWS Profile Name/ }),
  ).toContainText("dev-profile");

  // Delete, after confirming.
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${created.name}?` });
  await expect(dialog).toBeVisible();
  await expectNoSeriousA11yViolations(page, testInfo, "delete-dialog");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Delete" }).click();
  await dialog.getByRole("button", { name: "Delete integration" }).click();
  await expect(page).toHaveURL(/\/connected$/);
  await expect(page.locator(`[data-integration-id="${created.id}"]`)).toHaveCount(0);
  const gone = await adminApi.raw().get(`/api/admin/v4/integrations/${created.id}`);
  expect(gone.status()).toBe(404);
});

test("the Connected tab filters by status and type and searches by name", async ({
  page,
  adminApi,
}, testInfo) => {
  const marker = uniqueName("filter");
  const account = await createIntegration(adminApi, accountIntegrationBody({ name: `${marker}-acct` }));
  const org = await createIntegration(adminApi, {
    ...organizationBody(),
    name: `${marker}-org`,
    integration_config: {
      ...organizationBody().integration_config,
      management_account_role_arn: "arn:aws:iam::111111111111:role/DoesNotExist",
    },
    owner: null,
    owners_mapping: null,
  });
  await waitForStatus(adminApi, account.id, ["Active", "Warning"]);
  await waitForStatus(adminApi, org.id, ["Error", "Warning"]);

  await page.goto("/connected");
  await page.getByRole("searchbox", { name: "Search by name" }).fill(marker);
  const rows = page.getByTestId("integration-row");
  await expect(rows).toHaveCount(2);
  await expect(page).toHaveURL(new RegExp(`q=${marker}`));

  const filters = page.getByRole("search", { name: "Filter integrations" });
  await filters.getByRole("combobox", { name: "Type" }).click();
  await page.getByRole("option", { name: "Amazon Organization" }).click();
  await page.keyboard.press("Escape");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`${marker}-org`);
  await expect(rows.first()).toContainText("connector AWS sandbox (demo)");

  await filters.getByRole("combobox", { name: "Status" }).click();
  await page.getByRole("option", { name: "Active", exact: true }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByText("No integration matches")).toBeVisible();
  await attachScreenshot(page, testInfo, "connected-filtered-empty.png");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByRole("searchbox", { name: "Search by name" })).toHaveValue("");

  // The filters live in the address, so a reload keeps them.
  await page.goto(`/connected?q=${marker}&status=Active`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`${marker}-acct`);
});
