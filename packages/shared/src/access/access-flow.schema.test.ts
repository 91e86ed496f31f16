import { describe, expect, it } from "vitest";
import { issuesOf } from "../common/issues-of.test-helper.ts";
import { defaultAccessFlowUpsert, ZAccessFlowUpsert } from "./access-flow.schema.ts";

const target = {
  integration: {
    integration_reference: "prod",
    resource_type: "aws-account-iam-role",
    permissions: ["assume"],
  },
};
const minimal = {
  name: "Prod roles",
  active: true,
  trigger: "SELF_SERVE",
  requestors: { logical_operator: "OR", conditions: [] },
  access_targets: [target],
};

describe("ZAccessFlowUpsert", () => {
  it("fills a left-out policy, duration and settings with the defaults (owners, 60 min, justification)", () => {
    const flow = ZAccessFlowUpsert.parse(minimal);
    expect(flow.approver_policy).toEqual({
      approval_mode: "ANY_OF",
      approver_groups: [
        {
          logical_operator: "OR",
          approvers: [
            { type: "Owner", source_integration_reference: null, match_operator: "is", values: [] },
          ],
        },
      ],
    });
    expect(flow.grant_duration_in_min).toBe(60);
    expect(flow.settings).toMatchObject({
      justification_required: true,
      requestor_cannot_approve_himself: true,
    });
    expect(flow.access_targets[0]?.integration?.resources_scopes).toEqual([]);
  });

  it("keeps an explicit null policy (no approval needed)", () => {
    expect(ZAccessFlowUpsert.parse({ ...minimal, approver_policy: null }).approver_policy).toBeNull();
  });

  it("the editor's default flow is valid once named and given a target", () => {
    const flow = { ...defaultAccessFlowUpsert(), name: "New", access_targets: [target] };
    expect(issuesOf(ZAccessFlowUpsert, flow)).toEqual([]);
  });

  it("names the field and the reason for each mistake", () => {
    const issues = issuesOf(ZAccessFlowUpsert, {
      ...minimal,
      name: " ",
      trigger: "AUTOMATIC",
      access_targets: [],
      grant_duration_in_min: 0,
      approver_policy: {
        approval_mode: "SOME_OF",
        approver_groups: [{ logical_operator: "OR", approvers: [{ type: "user", values: [] }] }],
      },
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: "name", message: "Enter a name." },
        { path: "trigger", message: 'trigger must be "SELF_SERVE" (the only trigger supported).' },
        { path: "access_targets", message: "Add at least one access target." },
        { path: "grant_duration_in_min", message: "grant_duration_in_min must be at least 1 minute." },
        { path: "approver_policy.approval_mode", message: "approval_mode must be ANY_OF or ALL_OF." },
        {
          path: "approver_policy.approver_groups.0.approvers.0.values",
          message: "Select at least one user.",
        },
      ]),
    );
  });

  it("refuses Owner as a requestor, values on Owner, a TAG scope without key and unknown fields", () => {
    const issues = issuesOf(ZAccessFlowUpsert, {
      ...minimal,
      requestors: { logical_operator: "OR", conditions: [{ type: "Owner" }] },
      approver_policy: {
        approval_mode: "ANY_OF",
        approver_groups: [{ logical_operator: "OR", approvers: [{ type: "Owner", values: ["x"] }] }],
      },
      access_targets: [
        {
          integration: {
            ...target.integration,
            resources_scopes: [{ scope_mode: "include_resources", type: "TAG", values: ["a"] }],
          },
        },
      ],
      colour: "red",
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        {
          path: "requestors.conditions.0.type",
          message: "Requestors are users or groups; Owner is only for approvers.",
        },
        {
          path: "approver_policy.approver_groups.0.approvers.0.values",
          message: "Owner takes no values: the owner is resolved from the resource's tags.",
        },
        {
          path: "access_targets.0.integration.resources_scopes.0.key",
          message: "Enter the tag key to match.",
        },
        { path: "", message: 'Remove the field "colour": it is not part of an access flow.' },
      ]),
    );
  });

  it("refuses what Portcullis does not offer, saying so", () => {
    const issues = issuesOf(ZAccessFlowUpsert, {
      ...minimal,
      timeframe: { start_time: "09:00" },
      access_targets: [{ bundle: { bundle_reference: "b" } }],
    });
    expect(issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(["timeframe", "access_targets.0.bundle"]),
    );
  });
});
