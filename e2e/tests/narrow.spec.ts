import { expectNoSeriousA11yViolations } from "../support/a11y.ts";
import { accountIntegrationBody, createIntegration, waitForStatus } from "../support/api.ts";
import { attachScreenshot, expect, signIn, test } from "../support/test.ts";
import { next } from "../support/wizard.ts";

test.use({ viewport: { width: 390, height: 844 } });

async function expectNoHorizontalScroll(page: import("@playwright/test").Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("pages fit a 390px wide window", async ({ page, adminApi }, testInfo) => {
  test.setTimeout(90_000);
  const created = await createIntegration(
    adminApi,
    accountIntegrationBody({
      custom_access_details: "See https://wiki.example.com/a-very-long-path/that/keeps/going",
    }),
  );
  await waitForStatus(adminApi, created.id, ["Active", "Warning"]);
  await signIn(page);

  for (const path of [
    "/catalog",
    "/catalog/aws",
    "/connected",
    "/connectors",
    "/portal",
    `/connected/${created.id}`,
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expectNoHorizontalScroll(page);
  }
  await attachScreenshot(page, testInfo, "narrow-integration-page.png");

  await page.goto("/catalog/aws/aws-account");
  await page.getByRole("checkbox", { name: "S3 bucket" }).check();
  await expectNoHorizontalScroll(page);
  await attachScreenshot(page, testInfo, "narrow-wizard.png");
  await next(page);
  await page.getByRole("button", { name: "+ Add new connector" }).click();
  await expect(page.getByRole("dialog", { name: "Add new connector" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, testInfo, "narrow-add-connector");
});
