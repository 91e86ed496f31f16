import type { Page } from "@playwright/test";
import {
  startTestOidcProvider,
  type TestOidcAccount,
  type TestOidcProvider,
} from "../../apps/api/test/oidc-test-provider.ts";
import { expectNoSeriousA11yViolations } from "../support/a11y.ts";
import { ADMIN, uniqueName } from "../support/accounts.ts";
import { ApiSession } from "../support/api.ts";
import { expect, signInWithForm, test } from "../support/test.ts";

// One IdP (panva's oidc-provider on a loopback port) and one OIDC configuration for the file;
// each test signs in a person of its own.
test.describe.configure({ mode: "serial" });

const ADMIN_GROUP = "portcullis-admins";
let idp: TestOidcProvider;
let admin: ApiSession;
let sourceId: string;

test.beforeAll(async () => {
  const baseUrl = process.env.E2E_BASE_URL!;
  idp = await startTestOidcProvider({ redirectUris: [`${baseUrl}/api/auth/oidc/callback`] });
  admin = await ApiSession.create(baseUrl, ADMIN);
  const source = await admin.post<{ id: string }>("/api/admin/v1/identity-sources", {
    name: uniqueName("oidc-people"),
    type: "built-in",
  });
  sourceId = source.id;
  await admin.put("/api/admin/v1/oidc", {
    issuer: idp.issuer,
    client_id: idp.clientId,
    client_secret: idp.clientSecret,
    display_name: "Test IdP",
    admin_group: ADMIN_GROUP,
    source_id: sourceId,
  });
});

test.afterAll(async () => {
  // The sign-in page of the other specs stays as it was: no IdP button.
  await admin?.delete("/api/admin/v1/oidc");
  await admin?.dispose();
  await idp?.close();
});

/** A person of the test's identity source, and the IdP account with the same verified email. */
async function addPerson(): Promise<{ id: string; account: TestOidcAccount }> {
  const email = `${uniqueName("person")}@oidc.e2e.test`;
  const person = await admin.post<{ id: string }>(`/api/admin/v1/identity-sources/${sourceId}/people`, {
    user_name: email,
    email,
  });
  return { id: person.id, account: { sub: person.id, email } };
}

async function clickSignInWithIdp(page: Page) {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Sign in with Test IdP" }).click();
}

/**
 * Starts a sign-in with the browser's cookies and follows it through the IdP up to, not into, the
 * IdP's redirect back to us (Playwright cannot stop a browser inside a redirect chain); returns
 * that callback URL. The browser keeps the sign-in's cookie, as it would.
 */
async function holdCallback(page: Page, account: TestOidcAccount): Promise<string> {
  idp.signInAs(account);
  const callbackPrefix = `${process.env.E2E_BASE_URL}/api/auth/oidc/callback?`;
  let url = `${process.env.E2E_BASE_URL}/api/auth/oidc/start`;
  for (let hop = 0; hop < 10; hop++) {
    const response = await page.request.get(url, { maxRedirects: 0 });
    const location = response.headers().location;
    expect(location, `${url} answered ${response.status()} without a redirect`).toBeTruthy();
    url = new URL(location!, url).href;
    if (url.startsWith(callbackPrefix)) return url;
  }
  throw new Error("The IdP did not send the browser back");
}

test("admins see the provider on the Sign-in settings page, with the redirect URI to register", async ({
  page,
}, testInfo) => {
  await signInWithForm(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign-in" }).click();
  await expect(page.getByRole("heading", { name: "Sign in with your IdP" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Issuer URL" })).toHaveValue(idp.issuer);
  await expect(page.getByText(`${process.env.E2E_BASE_URL}/api/auth/oidc/callback`)).toBeVisible();
  await expectNoSeriousA11yViolations(page, testInfo, "oidc-settings");

  // A wrong issuer is refused under its field, with the API's reason; nothing is saved.
  await page.getByRole("textbox", { name: "Issuer URL" }).fill("http://127.0.0.1:1");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/discovery document .* cannot be read/)).toBeVisible();
  await page.getByRole("textbox", { name: "Issuer URL" }).fill(idp.issuer);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("OIDC sign-in saved")).toBeVisible();
});

test("a person of the directory signs in with the IdP for the first time and lands on the portal as a user", async ({
  page,
}, testInfo) => {
  const { account } = await addPerson();
  await page.goto("/sign-in");
  await expectNoSeriousA11yViolations(page, testInfo, "sign-in-with-idp");
  idp.signInAs(account);
  await clickSignInWithIdp(page);
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("heading", { name: "Portal", level: 2 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText([
    "Portal",
    "Request access",
    "My requests",
    "My access",
  ]);

  const users = await admin.get<{ items: Array<{ email: string; role: string }> }>("/api/admin/users");
  expect(users.items).toContainEqual(expect.objectContaining({ email: account.email, role: "user" }));
});

test("a callback with another state is refused with a clear message", async ({ page }) => {
  const { account } = await addPerson();
  const callback = new URL(await holdCallback(page, account));
  callback.searchParams.set("state", "forged-state");
  await page.goto(callback.href);
  await expect(page).toHaveURL(/\/sign-in\?oidc_error=state_mismatch/);
  await expect(page.getByRole("alert")).toContainText("The sign-in could not be verified");
  await page.goto("/portal");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a code used once cannot be used again", async ({ page, context }) => {
  const { account } = await addPerson();
  const callback = await holdCallback(page, account);
  const flowCookie = (await context.cookies()).find((cookie) => cookie.name === "portcullis_oidc");
  expect(flowCookie).toBeTruthy();

  await page.goto(callback);
  await expect(page).toHaveURL(/\/portal$/);

  // The same callback again, from a signed-out browser that still has the sign-in's cookie.
  await context.clearCookies();
  await context.addCookies([flowCookie!]);
  await page.goto(callback);
  await expect(page).toHaveURL(/\/sign-in\?oidc_error=code_rejected/);
  await expect(page.getByRole("alert")).toContainText("expired or was already used");
});

test("an expired code is refused with a clear message, and no session starts", async ({ page }) => {
  const { account } = await addPerson();
  const callback = await holdCallback(page, account);
  // The code's lifetime passes at the IdP before the browser comes back.
  idp.expireCode(new URL(callback).searchParams.get("code")!);
  await page.goto(callback);
  await expect(page).toHaveURL(/\/sign-in\?oidc_error=code_rejected/);
  await expect(page.getByRole("alert")).toContainText("it expired or was already used");
  await page.goto("/portal");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a person deactivated in the directory loses their session and cannot sign in again", async ({
  page,
}) => {
  const { id, account } = await addPerson();
  idp.signInAs(account);
  await clickSignInWithIdp(page);
  await expect(page).toHaveURL(/\/portal$/);

  await admin.patch(`/api/admin/v1/identity-sources/${sourceId}/people/${id}`, { active: false });
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);

  idp.signInAs(account);
  await clickSignInWithIdp(page);
  await expect(page).toHaveURL(/\/sign-in\?oidc_error=deactivated/);
  await expect(page.getByRole("alert")).toContainText("deactivated in the directory");
});

test("members of the admin group sign in as admins", async ({ page }) => {
  const { account } = await addPerson();
  idp.signInAs({ ...account, groups: ["engineering", ADMIN_GROUP] });
  await clickSignInWithIdp(page);
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }),
  ).toBeVisible();
  const users = await admin.get<{ items: Array<{ email: string; role: string }> }>("/api/admin/users");
  expect(users.items).toContainEqual(expect.objectContaining({ email: account.email, role: "admin" }));
});
