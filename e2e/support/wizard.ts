import type { Locator, Page } from "@playwright/test";
import { expect } from "./test.ts";

// Page helpers for the integration wizard: each step is a section of one accordion.

/** The content of a step (only the open step has any). */
export function wizardStep(page: Page, id: string): Locator {
  return page.getByTestId(`wizard-panel-${id}`);
}

export async function next(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Next", exact: true }).click();
}

/** Picks an option of a Mantine Select/MultiSelect, typing to search first when given. */
export async function choose(
  page: Page,
  combobox: Locator,
  option: string | RegExp,
  search?: string,
): Promise<void> {
  await combobox.click();
  if (search !== undefined) await combobox.fill(search);
  await page.getByRole("option", { name: option }).first().click();
}

/** Waits until the step is the open one (its Next/Confirm button is shown). */
export async function expectOpen(page: Page, id: string): Promise<void> {
  await expect(
    wizardStep(page, id).getByRole("button", { name: /^(Next|Confirm|Save changes)$/ }),
  ).toBeVisible();
  await expect(
    page.getByTestId(`wizard-step-${id}`).locator("[data-accordion-control]").first(),
  ).toHaveAttribute("aria-expanded", "true");
}

/**
 * Records every status the page's integration badges show, from the first render on, so a
 * test can tell that `Initializing` was on screen before `Active` without racing the poll.
 */
export async function recordStatusBadges(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: Record<string, string[]> = {};
    (window as unknown as { __statuses: typeof seen }).__statuses = seen;
    const record = () => {
      const badges = Array.from(
        document.querySelectorAll("[data-testid=integration-status]"),
      ) as HTMLElement[];
      for (const badge of badges) {
        const row = badge.closest("[data-integration-id]") as HTMLElement | null;
        const id = row?.dataset.integrationId ?? "page";
        const status = badge.dataset.status ?? "";
        const list = seen[id] ?? [];
        if (list[list.length - 1] !== status) list.push(status);
        seen[id] = list;
        const progress = row?.querySelector("[data-testid=sync-progress]")?.textContent;
        const texts = seen[`${id}:progress`] ?? [];
        if (progress && texts[texts.length - 1] !== progress) texts.push(progress);
        seen[`${id}:progress`] = texts;
      }
    };
    new MutationObserver(record).observe(document, { subtree: true, childList: true, attributes: true });
  });
}

/** Progress lines (accounts and resources found so far) shown for the integration's running fetch. */
export async function progressSeen(page: Page, id: string): Promise<string[]> {
  return statusesSeen(page, `${id}:progress`);
}

export async function statusesSeen(page: Page, id: string): Promise<string[]> {
  return page.evaluate(
    (key) => (window as unknown as { __statuses: Record<string, string[]> }).__statuses[key] ?? [],
    id,
  );
}
