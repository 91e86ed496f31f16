import { expectNoSeriousA11yViolations } from "../support/a11y.ts";
import { ADMIN, uniqueName } from "../support/accounts.ts";
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

test("an admin connects an Amazon Account from the Catalog and it becomes Active by itself", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const name = uniqueName("e2e-account");
  await recordStatusBadges(page);
  await signIn(page, ADMIN);

  // Catalog → AWS tile → Connect Integrations Group → Discovery → Amazon Account.
  await page.goto("/catalog");
  await page.getByRole("link", { name: /^AWS/ }).click();
  await expect(page.getByRole("heading", { name: "Connect Integrations Group" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Discovery" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Amazon Organization/ })).toBeVisible();
  await page.getByRole("link", { name: /Amazon Account/ }).click();
  await expect(page.getByRole("heading", { name: "Connect Amazon Account" })).toBeVisible();

  // 1. Resource types, with the discovery callout and the EC2 prerequisite once EC2 is picked.
  await expectOpen(page, "resource-types");
  await expect(
    page.getByText("Portcullis automatically discovers and syncs all the instances"),
  ).toBeVisible();
  await page.getByRole("checkbox", { name: "IAM role" }).check();
  await page.getByRole("checkbox", { name: "S3 bucket" }).check();
  await expect(page.getByTestId("resource-type-prerequisites")).toHaveCount(0);
  await page.getByRole("checkbox", { name: "EC2 instance" }).check();
  await expect(page.getByTestId("resource-type-prerequisites")).toContainText("AmazonSSMManagedInstanceCore");
  await attachScreenshot(page, testInfo, "account-step-1-resource-types.png");
  await expectNoSeriousA11yViolations(page, testInfo, "wizard-resource-types");
  await next(page);

  // 2. Connector: the dropdown lists status and AWS account; choosing one explains what it links.
  await expectOpen(page, "connector");
  await choose(page, page.getByRole("combobox", { name: "Connector" }), /AWS sandbox \(demo\).*111111111111/);
  await expect(page.getByTestId("selected-connector")).toContainText(
    "Portcullis will reach all the services of AWS account 111111111111",
  );
  await attachScreenshot(page, testInfo, "account-step-2-connector.png");
  await next(page);

  // 3. Integration Config: the seed's help texts; AWS Profile Name defaults to apono.
  await expectOpen(page, "integration-config");
  const config = wizardStep(page, "integration-config");
  await expect(config.getByText("Unique, alphanumeric, user-friendly name")).toBeVisible();
  await expect(config.getByRole("textbox", { name: /AWS Profile Name/ })).toHaveValue("apono");
  await expect(config.getByText("By default, Portcullis sets this value to apono.")).toBeVisible();
  await config.getByRole("textbox", { name: /Integration Name/ }).fill(name);
  await choose(page, config.getByRole("combobox", { name: /Region/ }), /eu-west-1/, "Ireland");
  await attachScreenshot(page, testInfo, "account-step-3-integration-config.png");
  await expectNoSeriousA11yViolations(page, testInfo, "wizard-integration-config");
  await next(page);

  // 4. Get more with Portcullis.
  await expectOpen(page, "get-more");
  const more = wizardStep(page, "get-more");
  await more.getByRole("textbox", { name: /Credential Rotation/ }).fill("90");
  const details = "Request the ReadOnly role. Runbook: https://wiki.example.com/aws-access";
  await more.getByRole("textbox", { name: /Custom Access Details/ }).fill(details);
  await expect(page.getByTestId("access-details-counter")).toHaveText(`${details.length} / 400 characters`);
  await more.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("dialog", { name: "Preview: what end users see in the portal" });
  await expect(preview.getByText("Message from your admin")).toBeVisible();
  await expect(preview.getByRole("link", { name: "https://wiki.example.com/aws-access" })).toHaveAttribute(
    "href",
    "https://wiki.example.com/aws-access",
  );
  await preview.getByRole("button", { name: "Close" }).first().click();
  await expect(preview).toBeHidden();

  const owner = page.getByRole("region", { name: "Integration Owner (Optional)" });
  await choose(page, owner.getByRole("combobox", { name: "Integration owner attribute" }), /^User/);
  const values = owner.getByRole("combobox", { name: /Value/ });
  await choose(page, values, /Alice Martin/, "alice");
  await choose(page, values, /Bob Nguyen/, "bob");
  const resourceOwner = page.getByRole("region", { name: "Resource Owner (Optional)" });
  await resourceOwner.getByRole("textbox", { name: "Key name" }).fill("owner");
  await choose(page, resourceOwner.getByRole("combobox", { name: "Resource owner attribute" }), /^User/);
  await attachScreenshot(page, testInfo, "account-step-4-get-more.png");
  await expectNoSeriousA11yViolations(page, testInfo, "wizard-get-more");
  await next(page);

  // 5. Confirm: a summary of every choice and the Terraform equivalent.
  await expectOpen(page, "confirm");
  const confirm = wizardStep(page, "confirm");
  for (const text of [
    "IAM role, S3 bucket, EC2 instance",
    "AWS sandbox (demo) (aws-sandbox)",
    name,
    "eu-west-1 — Europe (Ireland)",
    "apono",
    "Every 90 days",
    "alice@portcullis.dev, bob@portcullis.dev",
    'Tag key "owner"',
  ]) {
    await expect(confirm.getByText(text, { exact: false }).first()).toBeVisible();
  }
  await confirm.getByRole("button", { name: "Using Terraform?" }).click();
  const hcl = confirm.getByLabel("Terraform configuration", { exact: true });
  await expect(hcl).toContainText('resource "apono_resource_integration"');
  await expect(hcl).toContainText("custom_access_details");
  await expect(hcl).toContainText(`custom_access_details = ${JSON.stringify(details)}`);
  await expect(confirm.getByRole("button", { name: "Copy Terraform configuration" })).toBeVisible();
  await attachScreenshot(page, testInfo, "account-step-5-confirm.png");
  await expectNoSeriousA11yViolations(page, testInfo, "wizard-confirm");

  const created = page.waitForResponse(
    (response) =>
      response.url().endsWith("/api/admin/v4/integrations") && response.request().method() === "POST",
  );
  await confirm.getByRole("button", { name: "Confirm" }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  const integration = (await response.json()) as { id: string; status: string };
  expect(integration.status).toBe("Initializing");

  // The Connected tab, with the new integration highlighted; it turns Active without a reload.
  await expect(page).toHaveURL(new RegExp(`/connected\\?highlight=${integration.id}`));
  await page.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });
  const row = page.locator(`[data-integration-id="${integration.id}"]`);
  await expect(row).toHaveAttribute("data-highlighted", "true");
  await expect(row.getByText("New")).toBeVisible();
  await expect(row.getByTestId("integration-status")).toHaveText("Active", { timeout: 60_000 });
  await expect(row).toContainText(/\d+ resources/);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(
    true,
  );
  const seen = await statusesSeen(page, integration.id);
  expect(seen[0]).toBe("Initializing");
  // While it initialized, the row showed the fetch's progress.
  expect((await progressSeen(page, integration.id))[0]).toMatch(/found so far|Waiting for the first fetch/);
  expect(seen.at(-1)).toBe("Active");
  await attachScreenshot(page, testInfo, "account-connected-active.png");
  await expectNoSeriousA11yViolations(page, testInfo, "connected");
});
