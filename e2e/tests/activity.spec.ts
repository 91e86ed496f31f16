import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { expectNoSeriousA11yViolations } from "../support/a11y.ts";
import { uniqueName } from "../support/accounts.ts";
import { createIntegration, SANDBOX_CONNECTOR_ID, waitForStatus } from "../support/api.ts";
import { attachScreenshot, expect, signIn, test } from "../support/test.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

type ActivityList = {
  data: Array<{ request_id: string; portcullis: { event_name: string; error_code: string | null } }>;
};

// The access spine's grant path is not in this branch: the helper makes a real grant in the app's
// AWS sandbox with granting/'s AwsAccessGranter, records the GRANTED request in the app's database
// as the spine would, and uses the granted key (see apps/api/test/e2e-audit-grant.ts). Everything
// after that is the app's own: the activity.ingest job reads the sandbox's CloudTrail.
test("an admin finds on the Activity page the calls made with a granted key, with audit on", async ({
  page,
  adminApi,
}, testInfo) => {
  // The demo organization, audit on; the grant is an IAM role in member account 222222222222,
  // whose CloudTrail is read through the member role.
  const integration = await createIntegration(adminApi, {
    type: "aws-organization",
    name: uniqueName("audit"),
    connector_id: SANDBOX_CONNECTOR_ID,
    connected_resource_types: ["aws-organization-account"],
    integration_config: {
      region: "us-east-1",
      sso_region: "us-east-1",
      sso_portal: "https://d-9067c4b1a2.awsapps.com/start",
      management_account_role_arn: "arn:aws:iam::111111111111:role/PortcullisManagementRole",
      enable_audit: "true",
    },
  });
  await waitForStatus(adminApi, integration.id, ["Active"]);
  const output = execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "apps/api/test/e2e-audit-grant.ts",
      process.env.E2E_DATA_DIR!,
      integration.id,
      "arn:aws:iam::222222222222:role/payments-deployer",
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  const grant = JSON.parse(output.trim().split("\n").at(-1)!) as { requestId: string; personName: string };

  await signIn(page);
  await page.goto("/catalog");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" }).click();
  await expect(page.getByRole("heading", { name: "Activity" })).toBeVisible();
  await page.getByRole("combobox", { name: "Integration" }).click();
  await page.getByRole("option", { name: integration.name }).click();
  await expect(page).toHaveURL(new RegExp(`integration=${integration.id}`));

  // CloudTrail delivers after 5 s and the ingest runs every 2 s: wait until the API has the calls
  // (a condition, polled), then the page shows them.
  await expect
    .poll(
      async () =>
        (await adminApi.get<ActivityList>(`/api/v3/activity?filter[integration_id]=${integration.id}`)).data
          .length,
      { timeout: 60_000, intervals: [500, 1000] },
    )
    .toBe(3);
  await page.reload();
  const rows = page.getByTestId("activity-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "GetCallerIdentity" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "AssumeRole" })).toHaveCount(2);
  await expect(rows.first()).toContainText(grant.personName);
  await attachScreenshot(page, testInfo, "activity-page.png");
  await expectNoSeriousA11yViolations(page, testInfo, "activity");

  // Errors only: the refused AssumeRole.
  // A click, not check(): the filter lives in the URL, so the box turns on once the router updates it.
  const errorsOnly = page.getByRole("checkbox", { name: "Errors only" });
  await errorsOnly.click();
  await expect(errorsOnly).toBeChecked();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("AssumeRole");
  await expect(rows.first()).toContainText(/AccessDenied|NoSuchEntity/);

  // CSV export of what is shown.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const csv = await readFile((await (await download).path())!, "utf8");
  expect(csv.split("\r\n").filter(Boolean)).toHaveLength(2);
  expect(csv).toContain("AssumeRole,sts.amazonaws.com,false");

  // The request's timeline has the same three calls.
  const timeline = await adminApi.get<ActivityList>(`/api/v3/access-requests/${grant.requestId}/activity`);
  expect(timeline.data.map((d) => d.portcullis.event_name).sort()).toEqual([
    "AssumeRole",
    "AssumeRole",
    "GetCallerIdentity",
  ]);
});
