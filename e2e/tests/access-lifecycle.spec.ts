import { readFile } from "node:fs/promises";
import type { Browser, Locator, Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/a11y.ts";
import { type Account, uniqueName } from "../support/accounts.ts";
import {
  ApiSession,
  createIntegration,
  type Integration,
  SANDBOX,
  SANDBOX_CONNECTOR_ID,
  waitForStatus,
} from "../support/api.ts";
import {
  type AccessKey,
  assignedUsers,
  assumeRoleWith,
  identityCenterUserId,
  keyFromCli,
} from "../support/sandbox.ts";
import { attachScreenshot, expect, signIn, test } from "../support/test.ts";

// The whole life of access, through the UI, against the app's AWS sandbox (issues #18 and #19):
// an end user asks for a permission set in a member account (organization) and an IAM role
// (account, audit on); the owners the resources' `owner` tags name approve; the grants exist in
// AWS and the key really works; My access shows the admin's message, the sign-in link and the CLI
// profile; the calls show on the Activity page and the request's timeline; a credentials reset
// replaces the key; and at the end of the access flow's one minute both are gone.
//
// People of the demo directory (apps/api/src/bootstrap/directory-seed.ts), tags of the demo
// scenario (packages/aws-sandbox/scenarios/demo.json): payments-prod (222222222222) is owned by
// carol, the roles of the management account (111111111111) by alice; grace is an Identity
// Center user. The integration owner (heidi) would be the fallback: she must not be asked.
const REQUESTER = "grace@portcullis.dev";
const ACCOUNT_OWNER = "carol@portcullis.dev";
const ROLE_OWNER = "alice@portcullis.dev";
const FALLBACK_OWNER = "heidi@portcullis.dev";
const MEMBER_ACCOUNT = { id: "222222222222", name: "payments-prod" };
const PERMISSION_SET = "ReadOnlyAccess";
const ROLE = { name: "PortcullisConnectorRole", arn: SANDBOX.connectorRoleArn };
const SSO_PORTAL = "https://d-9067c4b1a2.awsapps.com/start";
const PASSWORD = "e2e-user-password-123";

type ActivityList = {
  data: Array<{ request_id: string; portcullis: { event_name: string; error_code: string | null } }>;
};
type RequestList = { items: Array<{ id: string; justification: string | null }> };

const owners = {
  owner: {
    attribute_type: "user" as const,
    attribute_value: [FALLBACK_OWNER],
    source_integration_reference: "Demo directory",
  },
  owners_mapping: {
    key_name: "owner",
    attribute_type: "user" as const,
    source_integration_reference: "Demo directory",
  },
};

async function setUpIntegrations(admin: ApiSession): Promise<{ org: Integration; account: Integration }> {
  const org = await createIntegration(admin, {
    type: "aws-organization",
    name: uniqueName("life-org"),
    connector_id: SANDBOX_CONNECTOR_ID,
    connected_resource_types: ["aws-organization-account", "aws-organization-permission-set"],
    integration_config: {
      region: "us-east-1",
      sso_region: "us-east-1",
      sso_portal: SSO_PORTAL,
      management_account_role_arn: SANDBOX.managementRoleArn,
    },
    custom_access_details: "Production accounts: change nothing by hand.",
    ...owners,
  });
  const account = await createIntegration(admin, {
    type: "aws-account",
    name: uniqueName("life-acct"),
    connector_id: SANDBOX_CONNECTOR_ID,
    connected_resource_types: ["aws-account-iam-role"],
    integration_config: { region: "us-east-1", enable_audit: "true" },
    custom_access_details: "Roles of the platform account: ask #platform first.",
    ...owners,
  });
  await waitForStatus(admin, org.id, ["Active", "Warning"]);
  await waitForStatus(admin, account.id, ["Active", "Warning"]);
  return { org, account };
}

/** One flow for both: anyone may ask, the resource owner approves, for one minute (the shortest). */
async function createFlow(admin: ApiSession, org: Integration, account: Integration): Promise<string> {
  const name = uniqueName("Short access");
  await admin.post("/api/admin/v2/access-flows", {
    name,
    active: true,
    trigger: "SELF_SERVE",
    requestors: { logical_operator: "OR", conditions: [] },
    access_targets: [
      {
        integration: {
          integration_reference: org.id,
          resource_type: "aws-organization-account",
          permissions: [PERMISSION_SET],
        },
      },
      {
        integration: {
          integration_reference: account.id,
          resource_type: "aws-account-iam-role",
          permissions: ["assume"],
        },
      },
    ],
    approver_policy: {
      approval_mode: "ANY_OF",
      approver_groups: [{ logical_operator: "OR", approvers: [{ type: "Owner" }] }],
    },
    settings: {
      justification_required: true,
      require_approver_reason: false,
      requestor_cannot_approve_himself: true,
    },
    grant_duration_in_min: 1,
  });
  return name;
}

/** An app user for a person of the demo directory (same email: the user is that person). */
async function demoUser(admin: ApiSession, email: string): Promise<Account> {
  const account = { email, password: PASSWORD };
  await admin.post("/api/admin/users", { ...account, role: "user" });
  return account;
}

async function pageFor(browser: Browser, baseURL: string, account: Account): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, account);
  return page;
}

async function choose(page: Page, label: RegExp, option: string | RegExp) {
  const wanted = page.getByRole("option", { name: option }).first();
  // Open it until the option shows, as a person would click a second time: a picker that changed
  // shape as its options arrived (the Permission picker did, before it waited for them) closes.
  await expect(async () => {
    if (!(await wanted.isVisible())) await page.getByRole("combobox", { name: label }).click();
    await expect(wanted).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await wanted.click();
}

async function requestAccess(
  page: Page,
  ask: { integration: string; type: string; resource: string; permission: string; why: string },
) {
  await page.goto("/portal/request");
  await choose(page, /^Integration/, ask.integration);
  await choose(page, /^Resource type/, ask.type);
  await page.getByRole("searchbox", { name: "Search resources" }).fill(ask.resource);
  await page.getByRole("checkbox", { name: ask.resource, exact: true }).check();
  await choose(page, /^Permission/, ask.permission);
  await page.getByRole("textbox", { name: /Why do you need/ }).fill(ask.why);
  await page.getByRole("button", { name: "Request access" }).click();
  await expect(page).toHaveURL(/\/portal\/requests$/);
}

/** The approver finds only what they own in their inbox, and approves it. */
async function approve(page: Page, why: string, notMine: string) {
  await page.goto("/approvals");
  const mine = page.getByTestId("access-request").filter({ hasText: why });
  await expect(mine).toContainText(REQUESTER);
  await expect(page.getByTestId("access-request").filter({ hasText: notMine })).toHaveCount(0);
  await mine.getByRole("button", { name: /^Approve request/ }).click();
  const dialog = page.getByRole("dialog", { name: /^Approve request/ });
  await dialog.getByRole("button", { name: "Approve" }).click();
  await expect(dialog).toBeHidden();
}

/** A session's details opened; its CLI profile block. */
async function openDetails(session: Locator): Promise<Locator> {
  await session.getByRole("button", { name: "Show access details" }).click();
  const cli = session.getByRole("region", { name: "AWS CLI profile" }).or(session.locator("pre"));
  await expect(cli.first()).toBeVisible();
  return cli.first();
}

test("an end user's permission set and IAM role: tag owners approve, the grants work in AWS, the calls show in Activity, a reset replaces the key, and at expiry both are gone", async ({
  page,
  adminApi,
  browser,
  baseURL,
}, testInfo) => {
  // About 1.6 min alone (a minute of it the grant's own duration); room for a loaded machine.
  test.setTimeout(300_000);
  const { org, account } = await setUpIntegrations(adminApi);
  const flowName = await createFlow(adminApi, org, account);
  const requester = await demoUser(adminApi, REQUESTER);
  const accountOwner = await demoUser(adminApi, ACCOUNT_OWNER);
  const roleOwner = await demoUser(adminApi, ROLE_OWNER);
  const graceInIdentityCenter = identityCenterUserId(REQUESTER);
  expect(await assignedUsers(MEMBER_ACCOUNT.id, PERMISSION_SET)).not.toContain(graceInIdentityCenter);

  const requesterPage = await pageFor(browser, baseURL!, requester);
  const requesterApi = await ApiSession.signIn(requesterPage.request, requester);
  const whySso = `Incident ${uniqueName("sso")}`;
  const whyRole = `Incident ${uniqueName("role")}`;

  await test.step("the end user requests a permission set in a member account and an IAM role", async () => {
    await requestAccess(requesterPage, {
      integration: org.name,
      type: "AWS account",
      resource: MEMBER_ACCOUNT.name,
      permission: PERMISSION_SET,
      why: whySso,
    });
    await requestAccess(requesterPage, {
      integration: account.name,
      type: "IAM role",
      resource: ROLE.name,
      permission: "assume",
      why: whyRole,
    });
    const requests = requesterPage.getByTestId("access-request").filter({ hasText: flowName });
    await expect(requests).toHaveCount(2);
    await expect(requests.first()).toHaveAttribute("data-status", "PENDING");
  });

  await test.step("each resource's owner, from its tags, approves what they own (not the integration owner)", async () => {
    const accountOwnerPage = await pageFor(browser, baseURL!, accountOwner);
    await approve(accountOwnerPage, whySso, whyRole);
    await accountOwnerPage.context().close();
    const roleOwnerPage = await pageFor(browser, baseURL!, roleOwner);
    await approve(roleOwnerPage, whyRole, whySso);
    await roleOwnerPage.context().close();
  });

  const ssoRequest = requesterPage.getByTestId("access-request").filter({ hasText: whySso });
  const roleRequest = requesterPage.getByTestId("access-request").filter({ hasText: whyRole });
  await expect(ssoRequest).toHaveAttribute("data-status", "GRANTED", { timeout: 60_000 });
  await expect(roleRequest).toHaveAttribute("data-status", "GRANTED", { timeout: 60_000 });
  await expect(ssoRequest).toContainText(`Approved by ${ACCOUNT_OWNER}`);
  await expect(roleRequest).toContainText(`Approved by ${ROLE_OWNER}`);
  const mine = await requesterApi.get<RequestList>("/api/user/v4/access-requests?limit=50");
  const roleRequestId = mine.items.find((r) => r.justification === whyRole)?.id;
  expect(roleRequestId).toBeTruthy();

  // The permission set is assigned to grace in the member account, in Identity Center.
  expect(await assignedUsers(MEMBER_ACCOUNT.id, PERMISSION_SET)).toContain(graceInIdentityCenter);

  let firstKey: AccessKey;
  await test.step("My access: the admin's message, the sign-in link and the CLI profile; the key works", async () => {
    await requesterPage.goto("/portal/access");
    const ssoSession = requesterPage.getByTestId("access-session").filter({ hasText: org.name });
    const ssoCli = await openDetails(ssoSession);
    await expect(ssoSession.getByRole("note").filter({ hasText: "Message from your admin" })).toContainText(
      "Production accounts: change nothing by hand.",
    );
    await expect(
      ssoSession.getByRole("link", { name: `Sign in to ${MEMBER_ACCOUNT.name} as ${PERMISSION_SET}` }),
    ).toHaveAttribute(
      "href",
      `${SSO_PORTAL}/#/console?account_id=${MEMBER_ACCOUNT.id}&role_name=${PERMISSION_SET}`,
    );
    await expect(ssoCli).toContainText(`sso_start_url = ${SSO_PORTAL}`);
    await expect(ssoCli).toContainText(`sso_account_id = ${MEMBER_ACCOUNT.id}`);
    await expect(ssoCli).toContainText(`sso_role_name = ${PERMISSION_SET}`);

    const roleSession = requesterPage.getByTestId("access-session").filter({ hasText: account.name });
    const roleCli = await openDetails(roleSession);
    await expect(roleSession.getByTestId("one-time-key")).toContainText("Secret access key");
    await expect(roleSession.getByRole("note").filter({ hasText: "Message from your admin" })).toContainText(
      "Roles of the platform account: ask #platform first.",
    );
    await expect(roleCli).toContainText(`role_arn = ${ROLE.arn}`);
    firstKey = keyFromCli((await roleCli.textContent()) ?? "");
    await attachScreenshot(requesterPage, testInfo, "my-access-granted.png");
    await expectNoSeriousA11yViolations(requesterPage, testInfo, "my-access-granted");

    // The key from the profile really assumes the role, and only that role.
    expect(await assumeRoleWith(firstKey, ROLE.arn)).toBe("ok");
    expect(await assumeRoleWith(firstKey, SANDBOX.managementRoleArn)).toBe("AccessDenied");
  });

  let newKey: AccessKey;
  await test.step("Reset credentials: a new key, shown once; the old one stops working", async () => {
    await requesterPage.reload();
    const roleSession = requesterPage.getByTestId("access-session").filter({ hasText: account.name });
    await roleSession.getByRole("button", { name: "Reset credentials" }).click();
    const dialog = requesterPage.getByRole("dialog", { name: "Reset your credentials?" });
    await dialog.getByRole("button", { name: "Reset credentials" }).click();
    await expect(dialog).toBeHidden();
    await expect(roleSession.getByText("A new access key is ready for you.")).toBeVisible();
    const cli = await openDetails(roleSession);
    await expect(roleSession.getByTestId("one-time-key")).toContainText("Secret access key");
    newKey = keyFromCli((await cli.textContent()) ?? "");
    expect(newKey.accessKeyId).not.toBe(firstKey.accessKeyId);
    expect(await assumeRoleWith(newKey, ROLE.arn)).toBe("ok");
    expect(await assumeRoleWith(firstKey, ROLE.arn)).toBe("InvalidClientTokenId");
  });

  await test.step("the integration page's Managed credentials: the new key, its age and the rotation", async () => {
    await signIn(page);
    await page.goto(`/connected/${account.id}`);
    const section = page.getByRole("region", { name: "Managed credentials" });
    const row = section.getByTestId("managed-credential-row").filter({ hasText: newKey.accessKeyId });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(SANDBOX.accountId);
    await expect(row).toContainText("0 days");
    await expect(row).not.toContainText("Never");
    await expectNoSeriousA11yViolations(page, testInfo, "managed-credentials");
  });

  await test.step("the calls made with the keys show on the Activity page and the request's timeline", async () => {
    // CloudTrail delivers after 5 s and the ingest reads every 2 s: wait for the condition.
    // Three calls: the first key's AssumeRole (allowed, then refused) and the new key's; the old
    // key used after the reset is turned away before CloudTrail (an unknown key), as in AWS.
    const timeline = `/api/v3/access-requests/${roleRequestId}/activity`;
    await expect
      .poll(async () => (await adminApi.get<ActivityList>(timeline)).data.length, {
        timeout: 60_000,
        intervals: [500, 1000],
      })
      .toBe(3);
    const calls = (await adminApi.get<ActivityList>(timeline)).data.map((d) => d.portcullis.event_name);
    expect(calls).toEqual(["AssumeRole", "AssumeRole", "AssumeRole"]);

    await page.goto(`/activity?integration=${account.id}`);
    await expect(page.getByRole("heading", { name: "Activity" })).toBeVisible();
    const rows = page.getByTestId("activity-row");
    await expect(rows).toHaveCount(3);
    await expect(rows.first()).toContainText("Grace Lindqvist");
    await attachScreenshot(page, testInfo, "activity-page.png");
    await expectNoSeriousA11yViolations(page, testInfo, "activity");

    // Errors only: the AssumeRole the role's policy did not cover.
    const errorsOnly = page.getByRole("checkbox", { name: "Errors only" });
    await errorsOnly.click();
    await expect(errorsOnly).toBeChecked();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("AccessDenied");
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const csv = await readFile((await (await download).path())!, "utf8");
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(2);
    expect(csv).toContain("AssumeRole,sts.amazonaws.com,false");

    // The row leads to the request's timeline: all three calls of that request, and only them.
    await rows
      .first()
      .getByRole("link", { name: /^Request timeline/ })
      .click();
    await expect(page).toHaveURL(new RegExp(`request=${roleRequestId}`));
    await expect(page.getByRole("note").filter({ hasText: "One request's timeline" })).toBeVisible();
    await expect(rows).toHaveCount(3);
    await expect(rows.filter({ hasText: "AssumeRole" })).toHaveCount(3);
    await expectNoSeriousA11yViolations(page, testInfo, "request-timeline");
  });

  await test.step("at the end of the flow's minute both expire: the UI says so, and AWS has neither", async () => {
    await requesterPage.goto("/portal/requests");
    // No reload: the page asks again when the end time comes, until the expiry job has run.
    await expect(ssoRequest).toHaveAttribute("data-status", "EXPIRED", { timeout: 90_000 });
    await expect(roleRequest).toHaveAttribute("data-status", "EXPIRED", { timeout: 90_000 });
    await attachScreenshot(requesterPage, testInfo, "my-requests-expired.png");
    await requesterPage.goto("/portal/access");
    await expect(requesterPage.getByRole("heading", { name: "My access", level: 2 })).toBeVisible();
    await expect(requesterPage.getByTestId("access-session").filter({ hasText: flowName })).toHaveCount(0);
    await expect(requesterPage.getByTestId("access-session").filter({ hasText: org.name })).toHaveCount(0);
    await expect(requesterPage.getByTestId("access-session").filter({ hasText: account.name })).toHaveCount(
      0,
    );

    expect(await assignedUsers(MEMBER_ACCOUNT.id, PERMISSION_SET)).not.toContain(graceInIdentityCenter);
    // The role's policy went with the grant (and the key with the last grant of the user).
    expect(await assumeRoleWith(newKey, ROLE.arn)).toMatch(/^(AccessDenied|InvalidClientTokenId)$/);
  });
  await requesterPage.context().close();
});
