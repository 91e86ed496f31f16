import { expectNoSeriousA11yViolations } from "../support/a11y.ts";
import { ADMIN } from "../support/accounts.ts";
import { expect, test } from "../support/test.ts";

test("signing in checks the form, rejects a wrong password and returns to the page asked for", async ({
  page,
}, testInfo) => {
  await page.goto("/connected");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fconnected$/);
  await expectNoSeriousA11yViolations(page, testInfo, "sign-in");

  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Email" })).toBeFocused();

  await page.getByRole("textbox", { name: "Email" }).fill(ADMIN.email);
  await page.getByRole("textbox", { name: "Password" }).fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Could not sign in" })).toBeVisible();

  await page.getByRole("textbox", { name: "Password" }).fill(ADMIN.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/connected$/);
  await expect(page.getByRole("heading", { name: "Connected", level: 2 })).toBeVisible();

  // Navigation for admins; signing out ends the session.
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link")).toHaveText([
    "Catalog",
    "Connected",
    "Connectors",
    "Access flows",
    "Activity",
    "Users",
    "Identity sources",
    "Sign-in",
    "Portal",
    "Request access",
    "My requests",
    "My access",
  ]);
  await expect(nav.getByRole("link", { name: "Connected" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/catalog");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcatalog$/);
});

test("a ?next= that would leave the site (tab, newline, backslash) is ignored: signing in lands on the home page", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  for (const next of ["/\t/evil.example", "/\n/evil.example", "/\\evil.example"]) {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByRole("textbox", { name: "Email" }).fill(ADMIN.email);
    await page.getByRole("textbox", { name: "Password" }).fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/catalog$/);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    expect(errors, JSON.stringify(next)).toEqual([]);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
  }
});

test("admins can add users who then sign in to the portal", async ({ page }, testInfo) => {
  const email = `added-${Date.now()}@e2e.test`;
  await page.goto("/sign-in");
  await page.getByRole("textbox", { name: "Email" }).fill(ADMIN.email);
  await page.getByRole("textbox", { name: "Password" }).fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add user" });
  await dialog.getByRole("textbox", { name: "Email" }).fill(email);
  await dialog.getByRole("textbox", { name: "Initial password" }).fill("short");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog.getByText("Password must be at least 12 characters.")).toBeVisible();
  await dialog.getByRole("textbox", { name: "Initial password" }).fill("a-good-long-password");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("user");
  await expectNoSeriousA11yViolations(page, testInfo, "users");
});
