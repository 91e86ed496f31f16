import { expectNoSeriousA11yViolations } from "../support/a11y.ts";
import { ADMIN, uniqueName } from "../support/accounts.ts";
import {
  accountIntegrationBody,
  createIntegration,
  SANDBOX_CONNECTOR_ID,
  waitForStatus,
} from "../support/api.ts";
import { attachScreenshot, expect, signIn, test } from "../support/test.ts";
import { choose, expectOpen, next, recordStatusBadges, statusesSeen, wizardStep } from "../support/wizard.ts";

// Issue #16 §5: states that agree and say what to do next.

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

test("the integration page opens on the status the list showed, never an older cached one", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  await recordStatusBadges(page);
  // Created through the wizard: the app caches the created integration (Initializing).
  const name = uniqueName("one-truth");
  await page.goto("/catalog/aws/aws-account");
  await page.getByRole("checkbox", { name: "IAM role" }).check();
  await next(page);
  await expectOpen(page, "connector");
  await choose(page, page.getByRole("combobox", { name: "Connector" }), /AWS sandbox \(demo\)/);
  await next(page);
  await expectOpen(page, "integration-config");
  await wizardStep(page, "integration-config")
    .getByRole("textbox", { name: /Integration Name/ })
    .fill(name);
  await choose(
    page,
    wizardStep(page, "integration-config").getByRole("combobox", { name: /Region/ }),
    /eu-west-1/,
    "Ireland",
  );
  await next(page);
  await expectOpen(page, "get-more");
  await next(page);
  await expectOpen(page, "confirm");
  await wizardStep(page, "confirm").getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(/\/connected\?highlight=/);
  const created = { id: new URL(page.url()).searchParams.get("highlight") ?? "", name };

  // The list shows the finished fetch; opening the integration from it shows the same.
  const row = page.locator(`[data-integration-id="${created.id}"]`);
  await expect(row.getByTestId("integration-status")).toHaveText(/Active|Warning/);
  const listed = (await row.getByTestId("integration-status").textContent()) ?? "";
  await page.evaluate(() => {
    (window as unknown as { __statuses: Record<string, string[]> }).__statuses.page = [];
  });
  await row.getByRole("link", { name: created.name }).click();
  await expect(page.getByRole("heading", { name: created.name })).toBeVisible();
  await expect(page.getByTestId("integration-status")).toHaveText(listed);
  expect(await statusesSeen(page, "page")).toEqual([listed]);
  await expect(page.getByText("Not fetched yet")).toHaveCount(0);
  // The relative time carries the absolute one on hover.
  await expect(page.locator("time[datetime]").first()).toHaveAttribute("title", /\d/);
  await attachScreenshot(page, testInfo, "integration-page-first-render.png");
});

test("an integration in Error offers Fix (at the failing field) and Retry, and promises no resources", async ({
  page,
  adminApi,
}, testInfo) => {
  test.setTimeout(90_000);
  const broken = await createIntegration(adminApi, {
    type: "aws-organization",
    name: uniqueName("broken-org"),
    connector_id: SANDBOX_CONNECTOR_ID,
    connected_resource_types: ["aws-organization-account"],
    integration_config: {
      region: "us-east-1",
      sso_region: "us-east-1",
      sso_portal: "https://d-9067c4b1a2.awsapps.com/start",
      management_account_role_arn: "arn:aws:iam::111111111111:role/DoesNotExist",
    },
  });
  await waitForStatus(adminApi, broken.id, ["Error"]);
  await page.goto(`/connected/${broken.id}`);
  const details = page.getByTestId("status-details");
  await expect(details).toContainText("cannot be assumed");
  await expect(details.getByRole("button", { name: "Retry" })).toBeVisible();
  await expect(details.getByRole("link", { name: "Fix" })).toBeVisible();

  // Resources tab: in the URL, and no promise that resources are coming.
  await page.getByRole("tab", { name: "Resources" }).click();
  await expect(page).toHaveURL(/[?&]tab=resources/);
  await expect(page.getByText("The last fetch failed before it found any.")).toBeVisible();
  await expect(page.getByText("Resources appear here as the fetch discovers them")).toHaveCount(0);
  await attachScreenshot(page, testInfo, "integration-error-fix-retry.png");
  await expectNoSeriousA11yViolations(page, testInfo, "integration-error-fix-retry");
  await page.reload();
  await expect(page.getByRole("tab", { name: "Resources" })).toHaveAttribute("aria-selected", "true");

  // Retry starts a new fetch.
  const refreshed = page.waitForResponse(
    (response) => response.url().endsWith(`/api/v2/integrations/${broken.id}/refresh`) && response.ok(),
  );
  await details.getByRole("button", { name: "Retry" }).click();
  await refreshed;
  await waitForStatus(adminApi, broken.id, ["Error"]);

  // Fix opens the edit page with the failing field focused.
  await page.goto(`/connected/${broken.id}`);
  await page.getByTestId("status-details").getByRole("link", { name: "Fix" }).click();
  await expect(page).toHaveURL(/\/edit\?field=integration_config\.management_account_role_arn/);
  await expect(page.getByRole("textbox", { name: /Management Account Role ARN/ })).toBeFocused();
  await attachScreenshot(page, testInfo, "integration-error-fix-opens-field.png");
});

test("a connector deleted mid-wizard leaves the field with a message; registering one shows no error behind", async ({
  page,
  adminApi,
}, testInfo) => {
  test.setTimeout(90_000);
  const doomed = await adminApi.post<{ id: string; name: string }>("/api/admin/v3/connectors", {
    name: uniqueName("doomed"),
    region: "us-east-1",
  });
  await page.goto("/catalog/aws/aws-account");
  await page.getByRole("checkbox", { name: "IAM role" }).check();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  const step = page.getByTestId("wizard-panel-connector");
  const field = step.getByRole("combobox", { name: "Connector" });
  await field.click();
  await page.getByRole("option", { name: doomed.name }).click();
  await expect(field).toHaveValue(doomed.name);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByTestId("wizard-panel-integration-config")).toBeVisible();

  await adminApi.delete(`/api/admin/v3/connectors/${doomed.id}`);
  await page.getByRole("button", { name: "Back" }).click();
  await expect(step.getByTestId("connector-removed")).toContainText(
    `The connector ${doomed.name} was deleted`,
  );
  await expect(field).toHaveValue("");
  await attachScreenshot(page, testInfo, "wizard-connector-deleted.png");

  // Registering a connector in the panel does not validate the wizard behind it.
  await step.getByRole("button", { name: "+ Add new connector" }).click();
  const drawer = page.getByRole("dialog", { name: "Add new connector" });
  await drawer.getByRole("textbox", { name: "Connector name" }).fill(uniqueName("fresh"));
  await drawer.getByRole("combobox", { name: "Region" }).click();
  await drawer.getByRole("combobox", { name: "Region" }).fill("eu-west-1");
  await page
    .getByRole("option", { name: /^eu-west-1/ })
    .first()
    .click();
  await drawer.getByRole("button", { name: "Register connector" }).click();
  await expect(drawer.getByText(/is registered/)).toBeVisible();
  await expect(page.getByText("Select a connector.")).toHaveCount(0);
  await attachScreenshot(page, testInfo, "wizard-connector-registered-no-error.png");
});

test("changing the resource-owner mapping re-resolves owners from the stored tags at once, without a fetch", async ({
  page,
  adminApi,
}) => {
  test.setTimeout(90_000);
  const created = await createIntegration(
    adminApi,
    accountIntegrationBody({
      owner: {
        attribute_type: "user",
        attribute_value: ["dave@portcullis.dev"],
        source_integration_reference: "Demo directory",
      },
      owners_mapping: {
        key_name: "no-such-tag",
        attribute_type: "user",
        source_integration_reference: "Demo directory",
      },
    }),
  );
  await waitForStatus(adminApi, created.id, ["Active", "Warning"]);
  await page.goto(`/connected/${created.id}?tab=resources&q=cloudtrail`);
  const trail = page.getByTestId("resource-row").filter({ hasText: "portcullis-org-cloudtrail" });
  await expect(trail).toContainText("fallback owner");
  await expect(trail).toContainText("dave@portcullis.dev");

  // Edit: the key becomes "owner", which the bucket's stored tags have.
  await page.getByRole("link", { name: "Edit" }).click();
  await expectOpen(page, "resource-types");
  for (const step of ["connector", "integration-config", "get-more"]) {
    await next(page);
    await expectOpen(page, step);
  }
  await wizardStep(page, "get-more")
    .getByRole("region", { name: "Resource Owner (Optional)" })
    .getByRole("textbox", { name: "Key name" })
    .fill("owner");
  await next(page);
  await expectOpen(page, "confirm");
  await wizardStep(page, "confirm").getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/connected/${created.id}$`));

  // The owners follow at once, from the tags already stored: no new fetch ran.
  await page.getByRole("tab", { name: "Resources" }).click();
  await page.getByRole("searchbox", { name: "Search" }).fill("cloudtrail");
  await expect(trail).toContainText("alice@portcullis.dev");
  await expect(trail).toContainText("from tag");
  await expect(trail).not.toContainText("fallback owner");
  const runs = await adminApi.get<{ items: Array<{ trigger: string }> }>(
    `/api/admin/v4/integrations/${created.id}/sync-runs`,
  );
  expect(runs.items.map((run) => run.trigger)).toEqual(["initial"]);
});
