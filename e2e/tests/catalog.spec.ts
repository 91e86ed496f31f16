import { expect, test } from "../support/test.ts";

test("the Catalog shows the AWS tile", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(page.getByRole("heading", { name: "Catalog" })).toBeVisible();
  await expect(page.getByText("AWS", { exact: true })).toBeVisible();
});

test("the API reports a healthy database and queue", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: "ok", queue: "ok" });
});
