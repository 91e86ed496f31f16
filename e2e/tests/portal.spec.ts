import { expectNoSeriousA11yViolations } from "../support/a11y.ts";
import { uniqueName } from "../support/accounts.ts";
import {
  ApiSession,
  accountIntegrationBody,
  createIntegration,
  createUser,
  SANDBOX,
  SANDBOX_CONNECTOR_ID,
  waitForStatus,
} from "../support/api.ts";
import { attachScreenshot, expect, signInWithForm, test } from "../support/test.ts";

const PAYLOAD = "<img src=x onerror=alert(1)>";

test("a user sees the admin's message as inert text with https links, sign-in help and resources", async ({
  page,
  adminApi,
  baseURL,
}, testInfo) => {
  test.setTimeout(120_000);
  const details = `Request the ReadOnly role first. Guide: https://wiki.example.com/aws-access.\n${PAYLOAD} <b>not bold</b> javascript:alert(2)`;
  const account = await createIntegration(
    adminApi,
    accountIntegrationBody({
      name: uniqueName("portal-acct"),
      custom_access_details: details,
      integration_config: { region: "eu-west-1", profile: "payments-ro" },
    }),
  );
  const org = await createIntegration(adminApi, {
    type: "aws-organization",
    name: uniqueName("portal-org"),
    connector_id: SANDBOX_CONNECTOR_ID,
    connected_resource_types: ["aws-organization-account"],
    integration_config: {
      region: "us-east-1",
      sso_region: "us-east-1",
      sso_portal: "https://d-9067c4b1a2.awsapps.com/start",
      management_account_role_arn: SANDBOX.managementRoleArn,
    },
  });
  await waitForStatus(adminApi, account.id, ["Active", "Warning"]);
  await waitForStatus(adminApi, org.id, ["Active", "Warning"]);
  const user = await createUser(adminApi, "user");

  // Any script running would open a dialog; none may.
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  await signInWithForm(page, user);
  await expect(page).toHaveURL(/\/portal$/);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link")).toHaveText(["Portal", "Request access", "My requests", "My access"]);

  await page.getByRole("searchbox", { name: "Search integrations" }).fill(account.name);
  const card = page.getByTestId("portal-integration").filter({ hasText: account.name });
  await expect(card).toHaveCount(1);
  // Static text, not an alert: a note.
  await expect(card.getByRole("alert")).toHaveCount(0);
  const message = card.getByRole("note").filter({ hasText: "Message from your admin" });
  await expect(message).toBeVisible();
  const text = message.getByTestId("access-details-text");
  await expect(text).toContainText(PAYLOAD);
  await expect(text).toContainText("<b>not bold</b>");
  await expect(text.locator("img, b, script")).toHaveCount(0);
  await expect(text.getByRole("link")).toHaveCount(1);
  const link = text.getByRole("link", { name: "https://wiki.example.com/aws-access" });
  await expect(link).toHaveAttribute("href", "https://wiki.example.com/aws-access");
  await expect(link).toHaveAttribute("rel", /noopener/);
  expect(await page.evaluate(() => document.querySelectorAll("img[src='x']").length)).toBe(0);

  // An account: a role profile named after the AWS Profile Name and the integration (unique),
  // in the connector's account.
  const profile = `payments-ro-${account.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  const snippet = card.getByLabel(`AWS CLI profile ${profile}`, { exact: true });
  await expect(snippet).toContainText(`[profile ${profile}]`);
  // The profile that really signs in is the granted session's, in My access.
  await expect(card.getByRole("link", { name: "My access" })).toHaveAttribute("href", "/portal/access");
  await expect(snippet).toContainText(`role_arn = arn:aws:iam::${SANDBOX.accountId}:role/`);
  await expect(snippet).toContainText("source_profile = default");
  await expect(snippet).toContainText("region = eu-west-1");

  // Its resources, searchable.
  await card.getByRole("button", { name: /^Resources \(\d+\)$/ }).click();
  const resources = card.getByTestId("portal-resource");
  await expect(resources.first()).toBeVisible();
  await card.getByRole("searchbox", { name: /Search resources/ }).fill("cloudtrail");
  await expect(resources).toHaveCount(1);
  await expect(resources.first()).toContainText("portcullis-org-cloudtrail");
  await attachScreenshot(page, testInfo, "portal-account.png");
  await expectNoSeriousA11yViolations(page, testInfo, "portal");

  // An organization: the SSO sign-in link.
  await page.getByRole("searchbox", { name: "Search integrations" }).fill(org.name);
  const orgCard = page.getByTestId("portal-integration").filter({ hasText: org.name });
  await expect(orgCard.getByRole("link", { name: "Open the AWS access portal" })).toHaveAttribute(
    "href",
    "https://d-9067c4b1a2.awsapps.com/start",
  );
  // …and an sso-session for the AWS CLI, with the start URL and the SSO Region.
  const session = `apono-${org.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  const ssoSnippet = orgCard.getByLabel(`AWS CLI SSO session ${session}`, { exact: true });
  await expect(ssoSnippet).toContainText(`[sso-session ${session}]`);
  await expect(ssoSnippet).toContainText("sso_start_url = https://d-9067c4b1a2.awsapps.com/start");
  await expect(ssoSnippet).toContainText("sso_region = us-east-1");
  await expect(orgCard.getByText(`aws sso login --sso-session ${session}`)).toBeVisible();
  await attachScreenshot(page, testInfo, "portal-organization.png");
  expect(dialogs).toEqual([]);

  // The same text in the admin's wizard preview is just as inert (checked on the edit page).
  const userApi = await ApiSession.create(baseURL!, user);
  const forbidden = await userApi.raw().get("/api/admin/v4/integrations");
  expect(forbidden.status()).toBe(403);
  await userApi.dispose();
});

test("a user cannot open admin pages", async ({ page, adminApi }, testInfo) => {
  const user = await createUser(adminApi, "user");
  await signInWithForm(page, user);
  await expect(page).toHaveURL(/\/portal$/);
  for (const path of ["/catalog", "/catalog/aws/aws-account", "/connected", "/connectors", "/users"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "This page is for admins" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Open the portal" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Catalog", level: 2 })).toHaveCount(0);
  }
  await expectNoSeriousA11yViolations(page, testInfo, "forbidden");
  await page.getByRole("link", { name: "Open the portal" }).click();
  await expect(page.getByRole("heading", { name: "Portal", level: 2 })).toBeVisible();
});

test("the wizard's Preview renders the payload as inert text too", async ({ page, adminApi }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const created = await createIntegration(
    adminApi,
    accountIntegrationBody({ custom_access_details: PAYLOAD }),
  );
  await signInWithForm(page);
  await page.goto(`/connected/${created.id}/edit`);
  await page.getByTestId("wizard-step-get-more").locator("[data-accordion-control]").first().click();
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("access-details-preview");
  await expect(preview).toContainText(PAYLOAD);
  await expect(preview.locator("img")).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
