import type { Browser, Locator, Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/a11y.ts";
import { type Account, uniqueName } from "../support/accounts.ts";
import {
  ApiSession,
  accountIntegrationBody,
  createIntegration,
  createUser,
  type Integration,
  waitForStatus,
} from "../support/api.ts";
import { attachScreenshot, expect, signIn, test } from "../support/test.ts";

const SOURCES = "/api/admin/v1/identity-sources";
const ROLE_TYPE = "aws-account-iam-role";

type Person = { account: Account; displayName: string };
type Selectable = { data: Array<{ id: string; name: string }> };

/** An app user with a live person of the same email in a built-in source (so access can be granted). */
async function personWithAccount(admin: ApiSession, sourceId: string, label: string): Promise<Person> {
  const account = await createUser(admin, "user");
  const displayName = `${label} ${uniqueName("p")}`;
  await admin.post(`${SOURCES}/${sourceId}/people`, {
    user_name: account.email,
    email: account.email,
    display_name: displayName,
    active: true,
  });
  return { account, displayName };
}

/** A page of its own browser context, signed in as `account`. */
async function pageFor(browser: Browser, baseURL: string, account: Account): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, account);
  return page;
}

/** Picks `option` in a Mantine select (or multi-select) found by its label. */
async function choose(page: Page, scope: Locator | Page, label: string | RegExp, option: string | RegExp) {
  await scope.getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option }).first().click();
}

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

type Setup = { integration: Integration; requester: Person; approver: Person };

async function setUp(admin: ApiSession): Promise<Setup> {
  const integration = await createIntegration(
    admin,
    accountIntegrationBody({ name: uniqueName("access-acct"), connected_resource_types: [ROLE_TYPE] }),
  );
  const source = await admin.post<{ id: string }>(SOURCES, { name: uniqueName("people"), type: "built-in" });
  const requester = await personWithAccount(admin, source.id, "Requester");
  const approver = await personWithAccount(admin, source.id, "Approver");
  await waitForStatus(admin, integration.id, ["Active", "Warning"]);
  return { integration, requester, approver };
}

test("an admin creates a flow in the UI; a user requests through it, the approver approves, and the statuses follow", async ({
  page,
  adminApi,
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);
  const { integration, requester, approver } = await setUp(adminApi);
  const flowName = uniqueName("Prod roles");

  // 1. The admin creates the flow: anyone may request the account's IAM roles; the approver approves.
  await signIn(page);
  await page.goto("/access-flows");
  await expect(page.getByRole("heading", { name: "Access flows", level: 2 })).toBeVisible();
  await page.getByRole("link", { name: "New access flow" }).first().click();
  await expect(page.getByRole("heading", { name: "New access flow", level: 2 })).toBeVisible();
  const form = page.getByRole("form", { name: "New access flow" });
  await form.getByRole("textbox", { name: "Name" }).fill(flowName);
  await expect(form.getByRole("radio", { name: "Anyone signed in to Portcullis" })).toBeChecked();
  await expect(form.getByRole("switch", { name: /Justification required/ })).toBeChecked();
  await form.getByRole("button", { name: "Add access target" }).click();
  const target = form.getByRole("group", { name: "Access target 1" });
  await choose(page, target, /^Integration/, integration.name);
  await choose(page, target, /^Resource type/, "IAM role");
  await choose(page, target, /^Permissions/, "assume");
  await page.keyboard.press("Escape");

  const approverField = form.getByRole("group", { name: "Approver 1" });
  await choose(page, approverField, "Who", "Users");
  await approverField.getByRole("combobox", { name: /^Users/ }).fill(approver.account.email);
  await page.getByRole("option", { name: approver.displayName }).click();
  await page.keyboard.press("Escape");
  await expectNoSeriousA11yViolations(page, testInfo, "access-flow-editor");
  await form.getByRole("button", { name: "Create access flow" }).click();

  await expect(page).toHaveURL(/\/access-flows$/);
  const row = page.getByTestId("access-flow-row").filter({ hasText: flowName });
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Anyone");
  await expect(row).toContainText(`${integration.name} · IAM role · assume`);
  await expect(row).toContainText(approver.account.email);
  await expect(row).toContainText("1 h");
  await expectNoSeriousA11yViolations(page, testInfo, "access-flows");

  // 2. The requester asks for one of the roles, found by searching.
  const requesterPage = await pageFor(browser, baseURL!, requester.account);
  const requesterApi = await ApiSession.signIn(requesterPage.request, requester.account);
  const roles = await requesterApi.get<Selectable>(
    `/api/v3/selectable-integrations/${integration.id}/${ROLE_TYPE}/resources`,
  );
  const role = roles.data[0]!;
  await requesterPage.goto("/portal/request");
  await expect(requesterPage.getByRole("heading", { name: "Request access", level: 2 })).toBeVisible();
  await choose(requesterPage, requesterPage, /^Integration/, integration.name);
  await choose(requesterPage, requesterPage, /^Resource type/, "IAM role");
  await requesterPage.getByRole("searchbox", { name: "Search resources" }).fill(role.name);
  await requesterPage.getByRole("checkbox", { name: role.name, exact: true }).check();
  await choose(requesterPage, requesterPage, /^Permission/, "assume");
  await requesterPage.getByRole("textbox", { name: /Why do you need/ }).fill("Incident 4711");
  await expectNoSeriousA11yViolations(requesterPage, testInfo, "request-access");
  await requesterPage.getByRole("button", { name: "Request access" }).click();

  await expect(requesterPage).toHaveURL(/\/portal\/requests$/);
  const request = requesterPage.getByTestId("access-request").filter({ hasText: flowName });
  await expect(request).toHaveAttribute("data-status", "PENDING");
  await expect(request).toContainText("Pending approval");
  await expect(request).toContainText(role.name);
  await expectNoSeriousA11yViolations(requesterPage, testInfo, "my-requests");

  // 3. The approver finds it in the Approvals inbox (the tab shows for approvers) and approves.
  const approverPage = await pageFor(browser, baseURL!, approver.account);
  await approverPage.goto("/portal");
  await approverPage
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Approvals" })
    .click();
  const toDecide = approverPage.getByTestId("access-request").filter({ hasText: flowName });
  await expect(toDecide).toContainText(requester.account.email);
  await expect(toDecide).toContainText("Incident 4711");
  await expectNoSeriousA11yViolations(approverPage, testInfo, "approvals");
  await toDecide.getByRole("button", { name: /^Approve request/ }).click();
  const dialog = approverPage.getByRole("dialog", { name: /^Approve request/ });
  await dialog.getByRole("textbox", { name: /Reason/ }).fill("Go ahead");
  await dialog.getByRole("button", { name: "Approve" }).click();
  await expect(dialog).toBeHidden();

  // 4. The requester's page follows the request without a reload: no longer pending, and the approval named.
  await expect(request).not.toHaveAttribute("data-status", "PENDING");
  await expect(request).toHaveAttribute("data-status", /^(APPROVED|GRANTING|GRANTED|FAILED)$/);
  await expect(request).toContainText(`Approved by ${approver.account.email}: “Go ahead”`);
  // The grant is made in the app's AWS sandbox: a managed IAM user with a policy for the role.
  await expect(request).toHaveAttribute("data-status", "GRANTED", { timeout: 60_000 });
  await attachScreenshot(requesterPage, testInfo, "my-requests.png");

  // 5. My access: the granted role with how to use it; the new access key shown once.
  await requesterPage.goto("/portal/access");
  await expect(requesterPage.getByRole("heading", { name: "My access", level: 2 })).toBeVisible();
  const session = requesterPage.getByTestId("access-session").filter({ hasText: role.name });
  await session.getByRole("button", { name: "Show access details" }).click();
  await expect(session.getByTestId("access-instructions")).toBeVisible();
  await expect(session.getByTestId("one-time-key")).toContainText("Access key ID");
  const cli = session.getByRole("region", { name: "AWS CLI profile" }).or(session.locator("pre"));
  await expect(cli.first()).toContainText("aws_access_key_id");
  await expect(cli.first()).toContainText("source_profile");
  await expectNoSeriousA11yViolations(requesterPage, testInfo, "my-access");

  // Opened again, the secret is gone: only the key id remains.
  await requesterPage.reload();
  await session.getByRole("button", { name: "Show access details" }).click();
  await expect(session.getByTestId("access-instructions")).toBeVisible();
  await expect(session.getByTestId("one-time-key")).toHaveCount(0);
  await expect(session.getByTestId("key-parameters")).toContainText("Access key ID");
  await expect(session.getByTestId("access-instructions")).toContainText("reset your credentials");

  await requesterPage.context().close();
  await approverPage.context().close();
});

test("the access pages fit a 390px wide window", async ({ page, adminApi }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page);
  const user = await createUser(adminApi, "user");
  for (const path of [
    "/access-flows",
    "/access-flows/new",
    "/portal/request",
    "/portal/requests",
    "/portal/access",
    "/approvals",
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expectNoHorizontalScroll(page);
  }
  // A user is told the admin pages are for admins; the portal's pages are theirs.
  await page.context().clearCookies();
  await signIn(page, user);
  await page.goto("/access-flows");
  await expect(page.getByRole("heading", { name: "This page is for admins" })).toBeVisible();
  await page.goto("/portal/requests");
  await expect(page.getByRole("heading", { name: "My requests", level: 2 })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Approvals" }),
  ).toHaveCount(0);
});
