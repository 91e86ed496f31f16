import { ADMIN, uniqueName } from "../support/accounts.ts";
import { accountIntegrationBody, createIntegration, SANDBOX } from "../support/api.ts";
import { attachScreenshot, expect, signIn, test } from "../support/test.ts";
import { choose, expectOpen, next, wizardStep } from "../support/wizard.ts";

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

test("each account step checks its own fields, shows the rules and focuses the first error", async ({
  page,
}, testInfo) => {
  await page.goto("/catalog/aws/aws-account");

  // Resource types: at least one.
  await expectOpen(page, "resource-types");
  await next(page);
  await expect(page.getByText("Select at least one resource type.")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "IAM role" })).toBeFocused();
  await page.getByRole("checkbox", { name: "IAM role" }).check();
  await expect(page.getByText("Select at least one resource type.")).toBeHidden();
  await next(page);

  // Connector: required.
  await expectOpen(page, "connector");
  await next(page);
  await expect(page.getByText("Select a connector.")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Connector" })).toBeFocused();
  await page.keyboard.press("Escape");
  await choose(page, page.getByRole("combobox", { name: "Connector" }), /AWS sandbox \(demo\)/);
  await next(page);

  // Integration Config: name, region, profile.
  await expectOpen(page, "integration-config");
  const config = wizardStep(page, "integration-config");
  await next(page);
  await expect(config.getByText("Enter a name.")).toBeVisible();
  await expect(config.getByText("Select a region.")).toBeVisible();
  await expect(config.getByRole("textbox", { name: /Integration Name/ })).toBeFocused();
  await config.getByRole("textbox", { name: /Integration Name/ }).fill("bad/name");
  await expect(
    config.getByText("Name may contain only letters, digits, spaces, '-', '_' and '.'"),
  ).toBeVisible();
  await config.getByRole("textbox", { name: /AWS Profile Name/ }).fill("has space");
  await next(page);
  await expect(
    config.getByText(
      "AWS Profile Name may contain only letters, digits and the characters . _ - + @ (no spaces).",
    ),
  ).toBeVisible();
  await attachScreenshot(page, testInfo, "validation-integration-config.png");
  await config.getByRole("textbox", { name: /Integration Name/ }).fill(uniqueName("valid"));
  await config.getByRole("textbox", { name: /AWS Profile Name/ }).fill("");
  await choose(page, config.getByRole("combobox", { name: /Region/ }), /^us-east-2/, "us-east-2");
  await next(page);

  // Get more: rotation, 400 characters, owners and the cross-field rule.
  await expectOpen(page, "get-more");
  const more = wizardStep(page, "get-more");
  await more.getByRole("textbox", { name: /Credential Rotation/ }).fill("0");
  await more.getByRole("textbox", { name: /Custom Access Details/ }).fill("x".repeat(401));
  await expect(page.getByTestId("access-details-counter")).toHaveText("401 / 400 characters (1 too many)");
  const resourceOwner = page.getByRole("region", { name: /Resource Owner/ });
  await resourceOwner.getByRole("textbox", { name: "Key name" }).fill("own#er");
  // The rule is shown as soon as a resource owner is being defined without an integration owner.
  await expect(page.getByTestId("owner-rule")).toContainText(
    "When a resource owner is defined, an integration owner must be defined.",
  );
  await next(page);
  await expect(
    more.getByText("Credential Rotation must be a whole number of days, 1 or more."),
  ).toBeVisible();
  await expect(more.getByRole("textbox", { name: /Credential Rotation/ })).toBeFocused();
  await expect(
    more.getByText("Custom access details may be at most 400 characters. Shorten the text."),
  ).toBeVisible();
  const owner = page.getByRole("region", { name: /Integration Owner/ });
  await expect(
    owner.getByText("When a resource owner is defined, an integration owner must be defined."),
  ).toBeVisible();
  await expect(
    resourceOwner.getByText(
      "Key name may contain only letters, digits, spaces and the characters _ . : / = + - @",
    ),
  ).toBeVisible();
  await expect(
    resourceOwner.getByText(/^Select an attribute: user, group or another attribute/),
  ).toBeVisible();
  await attachScreenshot(page, testInfo, "validation-get-more.png");

  // Fix them one by one; an owner attribute without values is its own error.
  await more.getByRole("textbox", { name: /Credential Rotation/ }).fill("30");
  await more.getByRole("textbox", { name: /Custom Access Details/ }).fill("x".repeat(400));
  await expect(page.getByTestId("access-details-counter")).toHaveText("400 / 400 characters");
  await resourceOwner.getByRole("textbox", { name: "Key name" }).fill("owner");
  await choose(page, resourceOwner.getByRole("combobox", { name: "Resource owner attribute" }), /^Group/);
  await page.getByTestId("owner-rule").getByRole("button", { name: "Define the integration owner" }).click();
  await expect(owner.getByRole("combobox", { name: "Integration owner attribute" })).toBeFocused();
  await choose(page, owner.getByRole("combobox", { name: "Integration owner attribute" }), /^User/);
  await next(page);
  await expect(owner.getByText("Select at least one user or group.")).toBeVisible();
  await choose(page, owner.getByRole("combobox", { name: /Value/ }), /Carol Schmidt/, "carol");
  await next(page);
  await expectOpen(page, "confirm");

  // Values survive going back and forth.
  await page.getByRole("button", { name: "Back" }).click();
  await expectOpen(page, "get-more");
  await expect(more.getByRole("textbox", { name: /Credential Rotation/ })).toHaveValue("30");
  await page.getByTestId("wizard-step-resource-types").locator("[data-accordion-control]").first().click();
  await expectOpen(page, "resource-types");
  await expect(page.getByRole("checkbox", { name: "IAM role" })).toBeChecked();
  await next(page);
  await expect(page.getByTestId("selected-connector")).toBeVisible();
  await next(page);
  await expect(config.getByRole("textbox", { name: /AWS Profile Name/ })).toHaveValue("");
  await next(page);
  await expect(owner.getByText("Carol Schmidt")).toBeVisible();
});

test("organization settings are checked: SSO region and portal, role ARN, member role name", async ({
  page,
}) => {
  await page.goto("/catalog/aws/aws-organization");
  await page.getByRole("checkbox", { name: "AWS account" }).check();
  await next(page);
  await choose(page, page.getByRole("combobox", { name: "Connector" }), /AWS sandbox \(demo\)/);
  await next(page);
  await expectOpen(page, "integration-config");
  const config = wizardStep(page, "integration-config");
  await config.getByRole("textbox", { name: /SSO Portal/ }).fill("http://my-org.awsapps.com/start");
  await config.getByRole("textbox", { name: /Management Account Role ARN/ }).fill("arn:aws:iam::123:role/x");
  await config.getByRole("textbox", { name: /Member Account Role Name/ }).fill("bad name!");
  await next(page);
  await expect(config.getByText("Select the AWS SSO region.")).toBeVisible();
  await expect(
    config.getByText("SSO Portal must be an https:// URL, for example https://my-org.awsapps.com/start."),
  ).toBeVisible();
  await expect(
    config.getByText("Management Account Role ARN must look like arn:aws:iam::123456789012:role/RoleName."),
  ).toBeVisible();
  await expect(
    config.getByText(
      "Member Account Role Name may contain only letters, digits and the characters + = , . @ _ -",
    ),
  ).toBeVisible();
  await config.getByRole("textbox", { name: /Management Account Role ARN/ }).fill(SANDBOX.managementRoleArn);
  await expect(config.getByText("Management Account Role ARN must look like")).toBeHidden();
});

test("a duplicate name reopens Integration Config with the server's error under Name", async ({
  page,
  adminApi,
}, testInfo) => {
  const existing = await createIntegration(adminApi, accountIntegrationBody());
  await page.goto("/catalog/aws/aws-account");
  await page.getByRole("checkbox", { name: "S3 bucket" }).check();
  await next(page);
  await choose(page, page.getByRole("combobox", { name: "Connector" }), /AWS sandbox \(demo\)/);
  await next(page);
  const config = wizardStep(page, "integration-config");
  await config.getByRole("textbox", { name: /Integration Name/ }).fill(existing.name);
  await choose(page, config.getByRole("combobox", { name: /Region/ }), /^us-east-1/, "us-east-1");
  await next(page);
  await next(page);
  await expectOpen(page, "confirm");
  await wizardStep(page, "confirm").getByRole("button", { name: "Confirm" }).click();

  await expectOpen(page, "integration-config");
  const name = config.getByRole("textbox", { name: /Integration Name/ });
  await expect(
    config.getByText(
      "An integration with this name already exists (names are compared ignoring case). Choose another name.",
    ),
  ).toBeVisible();
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await attachScreenshot(page, testInfo, "duplicate-name.png");
  // Leaving the field does not hide the server's answer; changing the name does.
  await page.keyboard.press("Tab");
  await expect(config.getByText(/An integration with this name already exists/)).toBeVisible();
  await name.fill(uniqueName("renamed"));
  await expect(config.getByText(/An integration with this name already exists/)).toBeHidden();
  await next(page);
  await next(page);
  await wizardStep(page, "confirm").getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(/\/connected\?highlight=/);
});

test("leaving a half-filled wizard asks before discarding it", async ({ page }) => {
  // Nothing entered yet: leaving does not ask.
  await page.goto("/catalog/aws/aws-account");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connectors" }).click();
  await expect(page.getByRole("heading", { name: "Connectors", level: 2 })).toBeVisible();

  await page.goto("/catalog/aws/aws-account");
  await page.getByRole("checkbox", { name: "RDS instance" }).check();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connected" }).click();
  const dialog = page.getByRole("dialog", { name: "Discard this integration?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Keep editing" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/catalog\/aws\/aws-account$/);
  await expect(page.getByRole("checkbox", { name: "RDS instance" })).toBeChecked();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connected" }).click();
  await dialog.getByRole("button", { name: "Discard" }).click();
  await expect(page).toHaveURL(/\/connected$/);
});

test("the wizard can be walked with the keyboard alone", async ({ page }) => {
  await page.goto("/catalog/aws/aws-account");
  await expectOpen(page, "resource-types");
  // Focus starts on the first resource type once the step opens through Next; here we tab to it.
  await page.getByRole("checkbox", { name: "IAM role" }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: "IAM role" })).toBeChecked();
  await page.getByRole("button", { name: "Next", exact: true }).focus();
  await page.keyboard.press("Enter");

  // The connector step opens with its dropdown focused.
  await expectOpen(page, "connector");
  const connector = page.getByRole("combobox", { name: "Connector" });
  await expect(connector).toBeFocused();
  await page.keyboard.type("sandbox");
  await expect(page.getByRole("option", { name: /AWS sandbox \(demo\)/ })).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("selected-connector")).toBeVisible();
  await page.getByRole("button", { name: "Next", exact: true }).focus();
  await page.keyboard.press("Enter");

  await expectOpen(page, "integration-config");
  await expect(page.getByRole("textbox", { name: /Integration Name/ })).toBeFocused();
  await page.keyboard.type(uniqueName("keys"));
  await page.keyboard.press("Tab");
  await expect(page.getByRole("combobox", { name: /Region/ })).toBeFocused();
  await page.keyboard.type("eu-central-1");
  await expect(page.getByRole("option", { name: /^eu-central-1/ })).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("combobox", { name: /Region/ })).toHaveValue(/eu-central-1/);
});
