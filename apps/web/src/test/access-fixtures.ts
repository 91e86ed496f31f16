import type { TAccessRequestV4, TAccessSessionV1, TAccessStatus } from "@portcullis/shared";

const NOW = "2026-12-02T10:00:00.000Z";

/** An access request as GET /api/user/v4/access-requests answers it: one IAM role, `status`. */
export function accessRequest(
  status: TAccessStatus,
  overrides: Partial<TAccessRequestV4["portcullis"]> & { id?: string } = {},
): TAccessRequestV4 {
  const { id = "req-1", ...extra } = overrides;
  return {
    id,
    status,
    duration_in_sec: 3600,
    justification: "Incident 4711",
    creation_date: NOW,
    revocation_date: null,
    custom_fields: {},
    access_groups: [
      {
        integration: { id: "int-1", name: "Prod account" },
        resource_types: [{ id: "aws-account-iam-role", label: "IAM role" }],
      },
    ],
    requestor: { id: "user-1", source_id: "ada@portcullis.dev" },
    grantee: { id: "user-1", source_id: "ada@portcullis.dev" },
    bundle: null,
    portcullis: {
      number: 7,
      access_flow_id: "flow-1",
      access_flow_name: "Prod roles",
      approval_mode: "ANY_OF",
      require_approver_reason: false,
      can_decide: false,
      approvals: [],
      entitlements: [
        {
          integration: { id: "int-1", name: "Prod account" },
          resource: {
            id: "r1",
            source_id: "arn:aws:iam::111111111111:role/DataEngineer",
            type: { id: "aws-account-iam-role", label: "IAM role" },
            name: "DataEngineer",
          },
          permission: { name: "assume" },
          status,
          portcullis: {
            id: `${id}-e1`,
            permission_id: "assume",
            account_id: "111111111111",
            region: null,
            failure_reason: null,
            failure_fix: null,
            granted_at: null,
            revoked_at: null,
          },
        },
      ],
      failure_reason: null,
      failure_fix: null,
      granted_at: null,
      expires_at: null,
      requested_again_of: null,
      ...extra,
    },
  };
}

export function accessSession(overrides: Partial<TAccessSessionV1> = {}): TAccessSessionV1 {
  return {
    id: "session-1",
    name: "DataEngineer (assume)",
    request_ids: ["req-1"],
    integration: { id: "int-1", name: "Prod account" },
    credentials_status: "NOT_APPLICABLE",
    can_reset_credentials: false,
    portcullis: {
      resource_type: "aws-account-iam-role",
      resource_name: "DataEngineer",
      permission: "assume",
      account_id: "111111111111",
      expires_at: "2026-12-02T11:00:00.000Z",
    },
    ...overrides,
  };
}
