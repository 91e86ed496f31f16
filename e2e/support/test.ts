import { test as base, expect, type Page, type TestInfo } from "@playwright/test";
import { type Account, ADMIN } from "./accounts.ts";
import { ApiSession } from "./api.ts";

type Fixtures = {
  /** The admin's API session, for seeding data through the API. */
  adminApi: ApiSession;
};

/** Playwright's test with baseURL pointing at the app that global setup started. */
export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
  baseURL: async ({}, use) => {
    await use(process.env.E2E_BASE_URL);
  },
  adminApi: async ({ baseURL }, use) => {
    const session = await ApiSession.create(baseURL!, ADMIN);
    await use(session);
    await session.dispose();
  },
});

/** Signs the page's browser context in through the API (the cookie lands in the browser). */
export async function signIn(page: Page, account: Account = ADMIN): Promise<void> {
  const response = await page.request.post("/api/auth/login", { data: account });
  expect(response.status(), await response.text()).toBe(200);
}

/** Signs in through the sign-in page, as a person would. */
export async function signInWithForm(page: Page, account: Account = ADMIN): Promise<void> {
  await page.goto("/sign-in");
  await page.getByRole("textbox", { name: "Email" }).fill(account.email);
  await page.getByRole("textbox", { name: "Password" }).fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** A full-page screenshot in the test report (the fixed header stays at the top of it). */
export async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const body = await page.screenshot({
    fullPage: true,
    style: ".mantine-AppShell-header { position: absolute !important; }",
  });
  await testInfo.attach(name, { body, contentType: "image/png" });
}

export { expect };
