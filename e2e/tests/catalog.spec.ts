import { expectNoSeriousA11yViolations } from "../support/a11y.ts";
import { expect, signIn, test } from "../support/test.ts";

test("the Catalog shows the AWS tile, which leads to the Discovery choices", async ({ page }, testInfo) => {
  await signIn(page);
  await page.goto("/");
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(page.getByRole("heading", { name: "Catalog" })).toBeVisible();
  await expect(page.getByText("AWS", { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, testInfo, "catalog");

  await page.getByRole("link", { name: /^AWS/ }).click();
  await expect(page.getByRole("heading", { name: "Connect Integrations Group" })).toBeVisible();
  const discovery = page.getByRole("region", { name: "Discovery" });
  await expect(discovery.getByRole("link")).toHaveCount(2);
  await expect(discovery.getByRole("link", { name: /Amazon Account/ })).toBeVisible();
  await expect(discovery.getByRole("link", { name: /Amazon Organization/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page, testInfo, "aws-group");
});

test("the API reports a healthy database and queue", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: "ok", queue: "ok" });
});

test("an unknown address shows a page that says so", async ({ page }, testInfo) => {
  await signIn(page);
  await page.goto("/no/such/page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, testInfo, "not-found");
});
