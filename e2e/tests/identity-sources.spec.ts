import type { Locator, Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/a11y.ts";
import { ADMIN, uniqueName } from "../support/accounts.ts";
import type { ApiSession } from "../support/api.ts";
import { attachScreenshot, expect, signIn, test } from "../support/test.ts";

const SOURCES = "/api/admin/v1/identity-sources";
const SCIM_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

type Source = { id: string; name: string; type: string };
type Person = { id: string; user_name: string };
type Group = { id: string; display_name: string; members: Array<{ id: string }> };

test.beforeEach(async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, ADMIN);
});

/** Clicks a copy button and returns what landed on the clipboard. */
async function copyFrom(page: Page, button: Locator): Promise<string> {
  await page.evaluate(() => navigator.clipboard.writeText(""));
  await button.click();
  let copied = "";
  await expect
    .poll(async () => {
      copied = await page.evaluate(() => navigator.clipboard.readText());
      return copied;
    })
    .not.toBe("");
  return copied;
}

/** What an IdP sends: one SCIM request with the source's bearer token. */
function scim(baseUrl: string, token: string, path: string, init: { method?: string; body?: unknown } = {}) {
  return fetch(`${baseUrl}${path}`, {
    method: init.method ?? "GET",
    headers: {
      authorization: `Bearer ${token}`,
      accept: "application/scim+json",
      ...(init.body ? { "content-type": "application/scim+json" } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
}

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("a SCIM source added in the UI: its token, shown once, provisions a person; a rotated token locks the old one out", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const name = uniqueName("okta");
  const userName = `${uniqueName("grace")}@example.com`;

  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Identity sources" })
    .click();
  await expect(page.getByRole("heading", { name: "Identity sources", level: 2 })).toBeVisible();
  await page.getByRole("button", { name: "Add source" }).first().click();
  const drawer = page.getByRole("dialog", { name: "Add identity source" });
  await drawer.getByRole("button", { name: "Add source" }).click();
  await expect(drawer.getByText("Enter a name.")).toBeVisible();
  await drawer.getByRole("textbox", { name: "Source name" }).fill(name);
  await expect(drawer.getByRole("radio", { name: "SCIM 2.0" })).toBeChecked();
  await drawer.getByRole("button", { name: "Add source" }).click();

  const panel = page.getByTestId("scim-token-panel");
  await expect(panel.getByText("it is not shown again")).toBeVisible();
  const token = await copyFrom(page, panel.getByRole("button", { name: "Copy SCIM token" }));
  expect(token).toMatch(/^pcs_/);
  await expect(panel.getByLabel("SCIM token", { exact: true })).toHaveText(token);
  const baseUrl = await copyFrom(page, panel.getByRole("button", { name: "Copy SCIM base URL" }));
  expect(baseUrl).toMatch(/\/scim\/v2$/);
  await expect(panel.getByText("SCIM connector base URL")).toBeVisible();
  await attachScreenshot(page, testInfo, "scim-token-panel.png");
  await expectNoSeriousA11yViolations(page, testInfo, "scim-token-panel");

  // The IdP provisions a person with the token copied from the page.
  const created = await scim(baseUrl, token, "/Users", {
    method: "POST",
    body: {
      schemas: [SCIM_USER, ENTERPRISE_USER],
      userName,
      name: { givenName: "Grace", familyName: "Hopper" },
      emails: [{ value: userName, type: "work", primary: true }],
      active: true,
      [ENTERPRISE_USER]: { department: "Navy Research" },
    },
  });
  expect(created.status, await created.clone().text()).toBe(201);

  await panel.getByRole("button", { name: "I have stored the token" }).click();
  await expect(page).toHaveURL(/\/identity-sources\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
  await expect(page.getByText(token)).toHaveCount(0);
  const row = page.getByTestId("person-row").filter({ hasText: userName });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Navy Research");
  await expect(page.getByText("Active", { exact: true }).first()).toBeVisible();

  // The list shows it with its counts.
  await page.getByRole("link", { name: "← Identity sources" }).click();
  const listRow = page.getByTestId("identity-source-row").filter({ hasText: name });
  await expect(listRow).toContainText("SCIM 2.0");
  await expect(listRow.getByRole("cell").nth(4)).toHaveText("1");
  await expect(listRow.getByText("Just now")).toHaveAttribute("title", /\d/);
  await expectNoSeriousA11yViolations(page, testInfo, "identity-sources-list");
  await listRow.getByRole("link", { name }).click();

  // Rotate: a new token, shown once; the old one is refused from then on.
  await page.getByRole("button", { name: "Rotate token" }).click();
  const confirm = page.getByRole("dialog", { name: `Rotate the token of ${name}?` });
  await expect(confirm).toContainText("stops working at once");
  await confirm.getByRole("button", { name: "Rotate token" }).click();
  const rotated = page.getByRole("dialog", { name: `New token for ${name}` });
  await expect(rotated.getByText("The previous token has stopped working")).toBeVisible();
  const newToken = await copyFrom(page, rotated.getByRole("button", { name: "Copy SCIM token" }));
  expect(newToken).toMatch(/^pcs_/);
  expect(newToken).not.toBe(token);

  expect((await scim(baseUrl, token, "/Users")).status).toBe(401);
  const withNew = await scim(
    baseUrl,
    newToken,
    `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`,
  );
  expect(withNew.status).toBe(200);
  expect(((await withNew.json()) as { totalResults: number }).totalResults).toBe(1);

  await rotated.getByRole("button", { name: "I have stored the token" }).click();
  await expect(rotated).toBeHidden();

  // Deleting the source names it and what happens to its people, and revokes the token.
  await page.getByRole("button", { name: "Delete source" }).click();
  const del = page.getByRole("dialog", { name: `Delete ${name}?` });
  await expect(del).toContainText("1 person and 0 groups are deleted with it");
  await del.getByRole("button", { name: "Delete source" }).click();
  await expect(page).toHaveURL(/\/identity-sources$/);
  await expect(page.getByTestId("identity-source-row").filter({ hasText: name })).toHaveCount(0);
  expect((await scim(baseUrl, newToken, "/Users")).status).toBe(401);
});

async function seedBuiltIn(adminApi: ApiSession) {
  const source = await adminApi.post<Source>(SOURCES, { name: uniqueName("team"), type: "built-in" });
  const ada = await adminApi.post<Person>(`${SOURCES}/${source.id}/people`, {
    user_name: uniqueName("ada"),
    email: "ada@example.com",
    department: "Research",
  });
  return { source, ada };
}

test("a built-in source's people and groups are added, edited and removed in the UI", async ({
  page,
  adminApi,
}, testInfo) => {
  test.setTimeout(90_000);
  const { source, ada } = await seedBuiltIn(adminApi);
  const linus = uniqueName("linus");
  await page.goto(`/identity-sources/${source.id}`);
  await expect(page.getByRole("heading", { name: source.name, level: 2 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Rotate token" })).toHaveCount(0);

  // Add a person; a taken user name is refused under its field with the API's words.
  await page.getByRole("button", { name: "Add person" }).click();
  let dialog = page.getByRole("dialog", { name: "Add person" });
  await dialog.getByRole("textbox", { name: "User name" }).fill(ada.user_name);
  await dialog.getByRole("textbox", { name: "Email" }).fill("not-an-email");
  await dialog.getByRole("button", { name: "Add person" }).click();
  await expect(dialog.getByText("Enter a valid email address.")).toBeVisible();
  await dialog.getByRole("textbox", { name: "Email" }).fill("linus@example.com");
  await dialog.getByRole("button", { name: "Add person" }).click();
  await expect(dialog.getByRole("textbox", { name: "User name" })).toHaveAccessibleDescription(
    /A person with this user name already exists in this source\./,
  );
  await dialog.getByRole("textbox", { name: "User name" }).fill(linus);
  await dialog.getByRole("textbox", { name: "Department" }).fill("Kernel");
  await expectNoSeriousA11yViolations(page, testInfo, "person-form");
  await dialog.getByRole("button", { name: "Add person" }).click();
  await expect(dialog).toBeHidden();
  const linusRow = page.getByTestId("person-row").filter({ hasText: linus });
  await expect(linusRow).toContainText("linus@example.com");
  await expect(linusRow).toContainText("Kernel");

  // Edit the seeded person: a new department, deactivated.
  const adaRow = page.getByTestId("person-row").filter({ hasText: ada.user_name });
  await adaRow.getByRole("button", { name: `Edit ${ada.user_name}` }).click();
  dialog = page.getByRole("dialog", { name: `Edit ${ada.user_name}` });
  await dialog.getByRole("textbox", { name: "Department" }).fill("Analytical Engines");
  await dialog.getByRole("switch", { name: /Active/ }).uncheck({ force: true });
  await dialog.getByRole("button", { name: "Save person" }).click();
  await expect(dialog).toBeHidden();
  await expect(adaRow).toContainText("Analytical Engines");
  await expect(adaRow).toContainText("Inactive");

  // A group with both people, then one member removed.
  const groupName = uniqueName("platform");
  await page.getByRole("tab", { name: /^Groups/ }).click();
  await page.getByRole("button", { name: "Add group" }).click();
  dialog = page.getByRole("dialog", { name: "Add group" });
  await dialog.getByRole("textbox", { name: "Group name" }).fill(groupName);
  const members = dialog.getByRole("combobox", { name: "Members" });
  for (const userName of [ada.user_name, linus]) {
    await members.click();
    await members.fill(userName.slice(0, 8));
    await page.getByRole("option", { name: userName }).click();
  }
  // The list of people stays open for more picks; leaving the field closes it.
  await dialog.getByRole("textbox", { name: "Group name" }).click();
  await expect(page.getByRole("option", { name: linus })).toBeHidden();
  await expectNoSeriousA11yViolations(page, testInfo, "group-form");
  await dialog.getByRole("button", { name: "Add group" }).click();
  await expect(dialog).toBeHidden();
  const groupRow = page.getByTestId("group-row").filter({ hasText: groupName });
  await expect(groupRow).toContainText("2 members");

  await groupRow.getByRole("button", { name: `Edit group ${groupName}` }).click();
  dialog = page.getByRole("dialog", { name: `Edit group ${groupName}` });
  // Picking a chosen person again takes them out of the group.
  await dialog.getByRole("combobox", { name: "Members" }).click();
  await page.getByRole("option", { name: linus }).click();
  await dialog.getByRole("textbox", { name: "Group name" }).click();
  await expect(page.getByRole("option", { name: linus })).toBeHidden();
  await dialog.getByRole("button", { name: "Save group" }).click();
  await expect(dialog).toBeHidden();
  await expect(groupRow).toContainText("1 member");
  const groups = await adminApi.get<{ items: Group[] }>(`${SOURCES}/${source.id}/groups`);
  expect(groups.items.find((group) => group.display_name === groupName)?.members).toHaveLength(1);

  // Remove a person: the confirmation names them; they leave the list.
  await page.getByRole("tab", { name: /^People/ }).click();
  await linusRow.getByRole("button", { name: `Remove ${linus}` }).click();
  const confirm = page.getByRole("dialog", { name: `Remove ${linus}?` });
  await expect(confirm).toContainText("stop counting as an owner or approver");
  await confirm.getByRole("button", { name: "Remove person" }).click();
  await expect(linusRow).toHaveCount(0);
  await expect(page.getByRole("tab", { name: "People (1)" })).toBeVisible();

  // Delete the group.
  await page.getByRole("tab", { name: /^Groups/ }).click();
  await groupRow.getByRole("button", { name: `Delete group ${groupName}` }).click();
  await page
    .getByRole("dialog", { name: `Delete group ${groupName}?` })
    .getByRole("button", { name: "Delete group" })
    .click();
  await expect(page.getByText("No groups yet")).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, testInfo, "built-in-source");

  // Usable on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("tab", { name: /^People/ }).click();
  await expect(adaRow).toBeVisible();
  await expectNoHorizontalScroll(page);
  await attachScreenshot(page, testInfo, "built-in-source-narrow.png");
  await page.goto("/identity-sources");
  await expect(page.getByTestId("identity-source-row").filter({ hasText: source.name })).toBeVisible();
  await expectNoHorizontalScroll(page);
});
