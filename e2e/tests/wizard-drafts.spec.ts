import { expectNoSeriousA11yViolations } from "../support/a11y.ts";
import { ADMIN, uniqueName } from "../support/accounts.ts";
import { accountIntegrationBody, createIntegration } from "../support/api.ts";
import { attachScreenshot, expect, signIn, signInWithForm, test } from "../support/test.ts";
import { choose, expectOpen, next, wizardStep } from "../support/wizard.ts";

// Issue #16 §4: nothing typed is lost when the session ends mid-wizard.

async function fillToConfirm(page: import("@playwright/test").Page, name: string): Promise<void> {
  await page.goto("/catalog/aws/aws-account");
  await expectOpen(page, "resource-types");
  await page.getByRole("checkbox", { name: "IAM role" }).check();
  await next(page);
  await expectOpen(page, "connector");
  await choose(page, page.getByRole("combobox", { name: "Connector" }), /AWS sandbox \(demo\)/);
  await next(page);
  await expectOpen(page, "integration-config");
  const config = wizardStep(page, "integration-config");
  await config.getByRole("textbox", { name: /Integration Name/ }).fill(name);
  await choose(page, config.getByRole("combobox", { name: /Region/ }), /eu-west-1/, "Ireland");
  await next(page);
  await expectOpen(page, "get-more");
  await wizardStep(page, "get-more")
    .getByRole("textbox", { name: /Credential Rotation/ })
    .fill("45");
  await next(page);
  await expectOpen(page, "confirm");
}

test("a session that expires mid-wizard comes back to the same step with everything typed", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  await signIn(page, ADMIN);
  const name = uniqueName("draft-acct");
  await fillToConfirm(page, name);

  // The session ends under the user (the cookie is gone: the server answers UNAUTHENTICATED).
  await page.context().clearCookies();
  await wizardStep(page, "confirm").getByRole("button", { name: "Confirm" }).click();

  await expect(page).toHaveURL(/\/sign-in\?/);
  await expect(page.getByText("Your session ended — sign in to continue")).toBeVisible();
  await attachScreenshot(page, testInfo, "session-ended-sign-in.png");
  await expectNoSeriousA11yViolations(page, testInfo, "session-ended-sign-in");

  await page.getByRole("textbox", { name: "Email" }).fill(ADMIN.email);
  await page.getByRole("textbox", { name: "Password" }).fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  // Back on the same wizard, at the same step, with what was typed.
  await expect(page).toHaveURL(/\/catalog\/aws\/aws-account$/);
  await expectOpen(page, "confirm");
  const confirm = wizardStep(page, "confirm");
  await expect(confirm.getByText(name).first()).toBeVisible();
  await expect(confirm.getByText("eu-west-1", { exact: false }).first()).toBeVisible();
  await expect(confirm.getByText("Every 45 days").first()).toBeVisible();
  await attachScreenshot(page, testInfo, "session-ended-draft-restored.png");

  // Confirm saves it and clears the draft.
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(/\/connected\?highlight=/);
  const drafts = await page.evaluate(() =>
    Object.keys(sessionStorage).filter((key) => key.startsWith("portcullis.wizard-draft")),
  );
  expect(drafts).toEqual([]);
  await page.goto("/catalog/aws/aws-account");
  await expectOpen(page, "resource-types");
  await expect(page.getByRole("checkbox", { name: "IAM role" })).not.toBeChecked();
});

test("signing out in another tab sends the wizard to sign in and back with the draft", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  await signIn(page, ADMIN);
  await page.goto("/catalog/aws/aws-account");
  await expectOpen(page, "resource-types");
  await page.getByRole("checkbox", { name: "RDS instance" }).check();
  await next(page);
  await expectOpen(page, "connector");

  const other = await page.context().newPage();
  await other.goto("/connected");
  await other.getByRole("button", { name: "Sign out" }).click();
  await expect(other).toHaveURL(/\/sign-in/);
  await other.close();

  await expect(page).toHaveURL(/\/sign-in\?/);
  await expect(page.getByText("Your session ended — sign in to continue")).toBeVisible();
  await attachScreenshot(page, testInfo, "signed-out-elsewhere.png");
  await page.getByRole("textbox", { name: "Email" }).fill(ADMIN.email);
  await page.getByRole("textbox", { name: "Password" }).fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectOpen(page, "connector");
  await page.getByTestId("wizard-step-resource-types").locator("[data-accordion-control]").first().click();
  await expect(page.getByRole("checkbox", { name: "RDS instance" })).toBeChecked();

  // Discard (the wizard's cancel) forgets the draft.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connected" }).click();
  await page
    .getByRole("dialog", { name: "Discard this integration?" })
    .getByRole("button", { name: "Discard" })
    .click();
  await expect(page).toHaveURL(/\/connected$/);
  await page.goto("/catalog/aws/aws-account");
  await expectOpen(page, "resource-types");
  await expect(page.getByRole("checkbox", { name: "RDS instance" })).not.toBeChecked();
});

test("the edit page's leave dialog asks to discard the changes, not the integration", async ({
  page,
  adminApi,
}, testInfo) => {
  const created = await createIntegration(adminApi, accountIntegrationBody());
  await signInWithForm(page, ADMIN);
  await page.goto(`/connected/${created.id}/edit`);
  await expect(page.getByRole("form", { name: `Edit ${created.name}` })).toBeVisible();
  await page.getByRole("checkbox", { name: "RDS instance" }).first().check();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connected" }).click();
  const dialog = page.getByRole("dialog", { name: "Discard your changes?" });
  await expect(dialog).toBeVisible();
  await expect(page.getByRole("dialog", { name: "Discard this integration?" })).toHaveCount(0);
  await attachScreenshot(page, testInfo, "edit-discard-changes.png");
  await dialog.getByRole("button", { name: "Keep editing" }).click();
});
