import { expectNoSeriousA11yViolations } from "../support/a11y.ts";
import { ADMIN, uniqueName } from "../support/accounts.ts";
import { accountIntegrationBody, createIntegration, waitForStatus } from "../support/api.ts";
import { attachScreenshot, expect, signIn, test } from "../support/test.ts";
import { choose, expectOpen, next } from "../support/wizard.ts";

// Issue #16 §6: accessible setup.

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

/** Tabs until `target` has focus (a bounded walk, as a keyboard user would). */
async function tabTo(page: import("@playwright/test").Page, target: import("@playwright/test").Locator) {
  for (let step = 0; step < 40; step += 1) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error("the element never received keyboard focus");
}

async function outlineWidth(target: import("@playwright/test").Locator): Promise<number> {
  return target.evaluate((element) => {
    const style = getComputedStyle(element);
    return style.outlineStyle === "none" ? 0 : Number.parseFloat(style.outlineWidth);
  });
}

test("catalog tiles and the account / organization cards show keyboard focus", async ({ page }, testInfo) => {
  await page.goto("/catalog");
  const aws = page.getByRole("link", { name: /^AWS/ });
  await tabTo(page, aws);
  expect(await outlineWidth(aws)).toBeGreaterThanOrEqual(2);
  await attachScreenshot(page, testInfo, "catalog-aws-tile-focus.png");

  await page.goto("/catalog/aws");
  for (const name of [/Amazon Account/, /Amazon Organization/]) {
    const card = page.getByRole("link", { name });
    await tabTo(page, card);
    expect(await outlineWidth(card)).toBeGreaterThanOrEqual(2);
  }
  await attachScreenshot(page, testInfo, "catalog-organization-card-focus.png");
});

test("the wizard: notes are not alerts, the form has its own name, locked steps are readable, summaries show names", async ({
  page,
}, testInfo) => {
  await page.goto("/catalog/aws/aws-account");
  await expectOpen(page, "resource-types");
  await expect(page.getByRole("form", { name: "Connect Amazon Account" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Confirm" })).toHaveCount(0);
  await page.getByRole("checkbox", { name: "EC2 instance" }).check();
  await expect(page.getByRole("note").filter({ hasText: "Discovery" })).toBeVisible();
  await expect(page.getByRole("note").filter({ hasText: "Prerequisites" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);

  // A locked step is not faded below contrast.
  const locked = page.getByTestId("wizard-step-confirm").locator("[data-accordion-control]").first();
  await expect(locked).toBeDisabled();
  expect(await locked.evaluate((element) => getComputedStyle(element).opacity)).toBe("1");
  await attachScreenshot(page, testInfo, "wizard-locked-steps.png");
  await expectNoSeriousA11yViolations(page, testInfo, "wizard-notes-and-locked-steps");

  await next(page);
  await expectOpen(page, "connector");
  await choose(page, page.getByRole("combobox", { name: "Connector" }), /AWS sandbox \(demo\)/);
  await next(page);
  await expectOpen(page, "integration-config");
  const summary = page.getByTestId("wizard-step-connector");
  await expect(summary).toContainText("AWS sandbox (demo)");
  await expect(summary).not.toContainText("aws-sandbox");
});

test("names are unique: each connector's Re-check and Delete name it; the two owner attributes are told apart", async ({
  page,
}) => {
  await page.goto("/connectors");
  const sandbox = page.locator('[data-connector-id="aws-sandbox"]');
  await expect(
    sandbox.getByRole("button", { name: "Re-check AWS sandbox (demo)", exact: true }),
  ).toBeVisible();
  await expect(sandbox.getByRole("button", { name: "Delete AWS sandbox (demo)", exact: true })).toBeVisible();
  // No two buttons on the page share a name (one card's buttons are not another's).
  const names = await page
    .getByRole("button")
    .evaluateAll((buttons) =>
      buttons.map((button) => button.getAttribute("aria-label") ?? button.textContent?.trim() ?? ""),
    );
  const repeated = names.filter(
    (name, index) => /^(Re-check|Delete)/.test(name) && names.indexOf(name) !== index,
  );
  expect(repeated).toEqual([]);

  await page.goto("/catalog/aws/aws-account");
  await page.getByRole("checkbox", { name: "IAM role" }).check();
  await next(page);
  await choose(page, page.getByRole("combobox", { name: "Connector" }), /AWS sandbox \(demo\)/);
  await next(page);
  await page.getByRole("textbox", { name: /Integration Name/ }).fill(uniqueName("names"));
  await choose(page, page.getByRole("combobox", { name: /Region/ }), /us-east-1/, "us-east-1");
  await next(page);
  await expectOpen(page, "get-more");
  await expect(page.getByRole("combobox", { name: "Attribute", exact: true })).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: "Integration owner attribute", exact: true })).toHaveCount(
    1,
  );
  await expect(page.getByRole("combobox", { name: "Resource owner attribute", exact: true })).toHaveCount(1);
});

test("connector notices that are there when a panel or page opens are notes, not alerts; a check's outcome is a polite status", async ({
  page,
}) => {
  const name = uniqueName("note-conn");
  await page.goto("/connectors");
  await page.getByRole("button", { name: "+ Add new connector" }).first().click();
  const drawer = page.getByRole("dialog", { name: "Add new connector" });
  await drawer.getByRole("textbox", { name: "Connector name" }).fill(name);
  await choose(page, drawer.getByRole("combobox", { name: "Region" }), /^us-east-1/, "us-east-1");
  await drawer.getByRole("button", { name: "Register connector" }).click();
  await expect(
    drawer.getByRole("status").filter({ hasText: `Connector ${name} is registered` }),
  ).toBeVisible();
  await expect(
    drawer.getByRole("status").filter({ hasText: "Uses the Portcullis server's own credentials" }),
  ).toBeVisible();
  await expect(drawer.getByRole("note").filter({ hasText: "EC2 instances" })).toBeVisible();
  await expect(drawer.getByRole("alert")).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();

  // The card of a connector without a role shows its last check as it opens: a note.
  const row = page.getByTestId("connector-row").filter({ hasText: name });
  await expect(
    row.getByRole("note").filter({ hasText: "Uses the Portcullis server's own credentials" }),
  ).toBeVisible();
  await expect(page.getByTestId("connector-row").getByRole("alert")).toHaveCount(0);

  // The organization wizard's member-role advice is a note too.
  await page.goto("/catalog/aws/aws-organization");
  await page.getByRole("checkbox", { name: "AWS account" }).check();
  await next(page);
  await choose(page, page.getByRole("combobox", { name: "Connector" }), /AWS sandbox \(demo\)/);
  await next(page);
  await expectOpen(page, "integration-config");
  const templates = page.getByTestId("organization-role-templates");
  await templates.getByRole("button", { name: /How to create the Management Account Role/ }).click();
  await templates.getByRole("tab", { name: "Member role: StackSet" }).click();
  await expect(
    templates.getByRole("note").filter({ hasText: "Safer than OrganizationAccountAccessRole" }),
  ).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
});

/** WCAG contrast of each text-bearing element under `root` against the background it is drawn on. */
async function lowestContrast(root: import("@playwright/test").Locator): Promise<number> {
  return root.evaluate((element) => {
    type Rgba = [number, number, number, number];
    const parse = (value: string): Rgba => {
      const parts = value.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i]! * a + bottom[i]! * (1 - a)).concat(1) as Rgba;
    };
    const background = (node: Element | null): Rgba => {
      const layers: Rgba[] = [];
      for (let at = node; at; at = at.parentElement) layers.push(parse(getComputedStyle(at).backgroundColor));
      return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1] as Rgba);
    };
    const luminance = ([r, g, b]: Rgba) => {
      const [lr, lg, lb] = [r, g, b].map((channel) => {
        const c = channel / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * lr! + 0.7152 * lg! + 0.0722 * lb!;
    };
    let lowest = Number.POSITIVE_INFINITY;
    const texts = [element, ...Array.from(element.querySelectorAll("*"))].filter((node) =>
      Array.from(node.childNodes).some((child) => child.nodeType === 3 && child.textContent?.trim()),
    );
    for (const node of texts) {
      const style = getComputedStyle(node);
      let opacity = 1;
      for (let at: Element | null = node; at; at = at.parentElement)
        opacity *= Number(getComputedStyle(at).opacity);
      const back = background(node);
      const fore = parse(style.color);
      const text = over([fore[0], fore[1], fore[2], fore[3] * opacity], back);
      const [l1, l2] = [luminance(text), luminance(back)].sort((a, b) => b - a);
      lowest = Math.min(lowest, (l1! + 0.05) / (l2! + 0.05));
    }
    // No text found is a failure, not a pass.
    return texts.length > 0 ? lowest : 0;
  });
}

test("relative times show the absolute time on hover; locked step headers read at 4.5:1 or more", async ({
  page,
}) => {
  await page.goto("/connectors");
  const lastConnected = page.locator('[data-connector-id="aws-sandbox"] time');
  await expect(lastConnected).toHaveAttribute("title", /\d{1,2}:\d{2}/);
  await expect(lastConnected).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);

  await page.goto("/catalog/aws/aws-account");
  await expectOpen(page, "resource-types");
  for (const step of ["connector", "integration-config", "get-more", "confirm"]) {
    const header = page.getByTestId(`wizard-step-${step}`).locator("[data-accordion-control]").first();
    await expect(header).toBeDisabled();
    expect(await lowestContrast(header), `locked step ${step}`).toBeGreaterThanOrEqual(4.5);
  }
  await page.getByRole("checkbox", { name: "IAM role" }).check();
  await next(page);
  await choose(page, page.getByRole("combobox", { name: "Connector" }), /AWS sandbox \(demo\)/);
  const selected = page.getByTestId("selected-connector").locator("time");
  await expect(selected).toHaveAttribute("title", /\d{1,2}:\d{2}/);
});

test("the integration page announces status changes politely", async ({ page, adminApi }) => {
  const created = await createIntegration(adminApi, accountIntegrationBody());
  await page.goto(`/connected/${created.id}`);
  const announcer = page.getByRole("status").filter({ hasText: created.name });
  await expect(announcer).toHaveAttribute("aria-live", "polite");
  const done = await waitForStatus(adminApi, created.id, ["Active", "Warning"]);
  await expect(announcer).toHaveText(`${created.name}: ${done.status}`);
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the Resources and Users tables say they scroll sideways; ARNs and ids have copy buttons", async ({
    page,
    adminApi,
  }, testInfo) => {
    test.setTimeout(90_000);
    const created = await createIntegration(adminApi, accountIntegrationBody());
    await waitForStatus(adminApi, created.id, ["Active", "Warning"]);
    await page.goto(`/connected/${created.id}`);
    await expect(page.getByRole("button", { name: "Copy Integration ID" })).toBeVisible();

    await page.getByRole("tab", { name: "Resources" }).click();
    await expect(page).toHaveURL(/tab=resources/);
    await page.getByRole("searchbox", { name: "Search" }).fill("a");
    await expect(page).toHaveURL(/[?&]q=a/);
    await expect(page.getByTestId("resource-row").first()).toBeVisible();
    await expect(page.getByTestId("resources-scroll-cue")).toBeVisible();
    await expect(
      page
        .getByTestId("resource-row")
        .first()
        .getByRole("button", { name: /^Copy the ARN of / }),
    ).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await attachScreenshot(page, testInfo, "phone-resources-scroll-cue.png");
    await page.reload();
    await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("a");

    await page.goto("/users");
    await expect(page.getByTestId("users-scroll-cue")).toBeVisible();
    await attachScreenshot(page, testInfo, "phone-users-scroll-cue.png");
  });

  test("the connector panel's EC2 notice fits the phone: nothing in it reaches past its edge", async ({
    page,
  }, testInfo) => {
    await page.goto("/connectors");
    await page.getByRole("button", { name: "+ Add new connector" }).first().click();
    const drawer = page.getByRole("dialog", { name: "Add new connector" });
    await drawer.getByRole("textbox", { name: "Connector name" }).fill(uniqueName("phone-conn"));
    await choose(page, drawer.getByRole("combobox", { name: "Region" }), /^us-east-1/, "us-east-1");
    await drawer.getByRole("button", { name: "Register connector" }).click();
    const notice = drawer.getByTestId("ec2-notice");
    await expect(notice).toContainText("AmazonSSMManagedInstanceCore");
    await notice.scrollIntoViewIfNeeded();
    // Measured on the notice itself: the drawer is fixed, so the page's own width never grows.
    const fit = await notice.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const widest = Math.max(
        ...Array.from(element.querySelectorAll("*"), (child) => child.getBoundingClientRect().right),
      );
      const body = element.closest(".mantine-Drawer-body") as HTMLElement | null;
      return {
        noticeRight: box.right,
        widest,
        inner: element.scrollWidth - element.clientWidth,
        bodyScroll: body ? body.scrollWidth - body.clientWidth : 0,
        viewport: window.innerWidth,
      };
    });
    expect(fit.noticeRight).toBeLessThanOrEqual(fit.viewport);
    expect(fit.widest).toBeLessThanOrEqual(fit.noticeRight);
    expect(fit.inner).toBeLessThanOrEqual(0);
    expect(fit.bodyScroll).toBeLessThanOrEqual(0);
    await attachScreenshot(page, testInfo, "phone-connector-ec2-notice.png");
  });
});
