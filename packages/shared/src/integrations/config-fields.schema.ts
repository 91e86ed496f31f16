import { z } from "zod";
import { AWS_REGION_CODES } from "../catalog/aws-regions.ts";
import {
  AWS_PROFILE_MAX,
  AWS_PROFILE_PATTERN,
  IAM_ROLE_ARN_EXAMPLE,
  IAM_ROLE_ARN_MAX,
  IAM_ROLE_ARN_PATTERN,
  IAM_ROLE_NAME_MAX,
  IAM_ROLE_NAME_PATTERN,
  OU_ID_EXAMPLE,
  OU_ID_PATTERN,
} from "../common/aws-formats.ts";
import { emptyTooLongOr } from "../common/checks.ts";
import { isBlank, quoteValue } from "../common/quote-value.ts";

// Field schemas of `integration_config`. Values are strings (the published API has a map
// of strings). An empty string means "not set", because that is what an empty form input
// holds; optional settings turn it into `undefined` (or their default) in the output.

/** Required AWS region code, e.g. `region` or `sso_region`. */
export function makeRegionField(messages: {
  required: string /** With its article: "a region". */;
  noun: string;
}) {
  return z.enum(AWS_REGION_CODES, {
    error: (issue) =>
      isBlank(issue.input)
        ? messages.required
        : `${quoteValue(issue.input)} is not an AWS region. Select ${messages.noun} from the list, such as us-east-1.`,
  });
}

export const ZRegionField = makeRegionField({ required: "Select a region.", noun: "a region" });

export const ZSsoRegionField = makeRegionField({
  required: "Select the AWS SSO region.",
  noun: "an AWS SSO region",
});

/** Optional "true"/"false" switch; empty means not set. */
export const ZEnableAuditField = z
  .enum(["true", "false", ""], { error: 'Enable Audit must be "true" or "false".' })
  .optional()
  .transform((value) => (value === "" ? undefined : value));

/** Optional text with a default: empty or absent becomes `fallback`. */
function withDefault(schema: z.ZodString, fallback: string) {
  return schema.optional().transform((value) => (value === undefined || value === "" ? fallback : value));
}

const textError = (label: string) => `Send ${label} as a string.`;

/** AWS Profile Name applied when it is left empty. */
export const PROFILE_DEFAULT = "apono";
/** Member Account Role Name applied when it is left empty. */
export const MEMBER_ACCOUNT_ROLE_NAME_DEFAULT = "OrganizationAccountAccessRole";

export const ZProfileField = withDefault(
  z
    .string({ error: textError("AWS Profile Name") })
    .trim()
    .max(AWS_PROFILE_MAX, { error: `AWS Profile Name must be at most ${AWS_PROFILE_MAX} characters.` })
    .refine(
      emptyTooLongOr(AWS_PROFILE_MAX, (profile) => AWS_PROFILE_PATTERN.test(profile)),
      {
        error: "AWS Profile Name may contain only letters, digits and the characters . _ - + @ (no spaces).",
      },
    ),
  PROFILE_DEFAULT,
);

export const ZMemberAccountRoleNameField = withDefault(
  z
    .string({ error: textError("Member Account Role Name") })
    .trim()
    .max(IAM_ROLE_NAME_MAX, {
      error: `Member Account Role Name must be at most ${IAM_ROLE_NAME_MAX} characters.`,
    })
    .refine(
      emptyTooLongOr(IAM_ROLE_NAME_MAX, (name) => IAM_ROLE_NAME_PATTERN.test(name)),
      {
        error: "Member Account Role Name may contain only letters, digits and the characters + = , . @ _ -",
      },
    ),
  MEMBER_ACCOUNT_ROLE_NAME_DEFAULT,
);

export const CREDENTIALS_ROTATION_MAX_DIGITS = 6;

/** Optional whole number of days ≥ 1, kept as a string; leading zeros are dropped. */
export const ZCredentialsRotationField = z
  .string({ error: 'Send Credential Rotation as a string, for example "90".' })
  .trim()
  .max(CREDENTIALS_ROTATION_MAX_DIGITS, { error: "Credential Rotation must be at most 999999 days." })
  .refine(
    emptyTooLongOr(CREDENTIALS_ROTATION_MAX_DIGITS, (days) => /^\d+$/.test(days) && Number(days) >= 1),
    {
      error: "Credential Rotation must be a whole number of days, 1 or more.",
    },
  )
  .optional()
  .transform((value) => (value === undefined || value === "" ? undefined : String(Number(value))));

/** Managed IAM users with no grant for this many days are deleted when the setting is not set. */
export const CREDENTIALS_CLEANUP_DEFAULT_DAYS = 90;

/** Optional whole number of days ≥ 1, kept as a string (Apono's `credentials_cleanup_period_in_days`). */
export const ZCredentialsCleanupField = z
  .string({ error: 'Send Credentials Cleanup Period as a string, for example "90".' })
  .trim()
  .max(CREDENTIALS_ROTATION_MAX_DIGITS, { error: "Credentials Cleanup Period must be at most 999999 days." })
  .refine(
    emptyTooLongOr(CREDENTIALS_ROTATION_MAX_DIGITS, (days) => /^\d+$/.test(days) && Number(days) >= 1),
    { error: "Credentials Cleanup Period must be a whole number of days, 1 or more." },
  )
  .optional()
  .transform((value) => (value === undefined || value === "" ? undefined : String(Number(value))));

export const SSO_PORTAL_MAX = 2048;
const SSO_PORTAL_INVALID =
  "SSO Portal must be an https:// URL, for example https://my-org.awsapps.com/start.";

export const ZSsoPortalField = z
  .string({
    error: (issue) => (issue.input === undefined ? "Enter the SSO portal URL." : textError("SSO Portal")),
  })
  .trim()
  .min(1, { error: "Enter the SSO portal URL." })
  .max(SSO_PORTAL_MAX, { error: `SSO Portal must be at most ${SSO_PORTAL_MAX} characters.` })
  .refine(emptyTooLongOr(SSO_PORTAL_MAX, isHttpsUrl), { error: SSO_PORTAL_INVALID });

function isHttpsUrl(value: string): boolean {
  if (!/^https:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    // A sign-in link must point at a real host, without embedded credentials.
    return url.protocol === "https:" && url.hostname.includes(".") && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** Required IAM role ARN, with the field's label in the messages. */
export function makeRoleArnField(messages: { required: string; label: string }) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? messages.required : textError(messages.label)) })
    .trim()
    .min(1, { error: messages.required })
    .max(IAM_ROLE_ARN_MAX, { error: `${messages.label} must be at most ${IAM_ROLE_ARN_MAX} characters.` })
    .refine(
      emptyTooLongOr(IAM_ROLE_ARN_MAX, (arn) => IAM_ROLE_ARN_PATTERN.test(arn)),
      { error: `${messages.label} must look like ${IAM_ROLE_ARN_EXAMPLE}.` },
    );
}

export const ZManagementAccountRoleArnField = makeRoleArnField({
  required: "Enter the management account role ARN.",
  label: "Management Account Role ARN",
});

export const EXCLUDED_OU_IDS_MAX = 8000;

/** Split a comma-separated OU list: trimmed, empty entries dropped, duplicates removed. */
export function parseOrganizationUnitIds(value: string): string[] {
  const ids = value
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
  return [...new Set(ids)];
}

/**
 * Optional comma-separated OU ids; each must be a real OU id. The output is normalised to
 * `ou-a,ou-b` (no spaces, no duplicates) or `undefined` when empty.
 */
export const ZExcludedOrganizationUnitIdsField = z
  .string({ error: textError("Exclude Organization Unit IDs") })
  .max(EXCLUDED_OU_IDS_MAX, {
    error: `Exclude Organization Unit IDs must be at most ${EXCLUDED_OU_IDS_MAX} characters.`,
  })
  .superRefine((value, ctx) => {
    if (value.length > EXCLUDED_OU_IDS_MAX) return; // reported by max (see common/checks.ts)
    const invalid = parseOrganizationUnitIds(value).filter((id) => !OU_ID_PATTERN.test(id));
    if (invalid.length === 0) return;
    const shown = invalid.slice(0, 3).map(quoteValue).join(", ");
    const subject =
      invalid.length === 1
        ? `${shown} is not a valid organizational unit ID`
        : `${shown}${invalid.length > 3 ? " and others" : ""} are not valid organizational unit IDs`;
    ctx.addIssue({
      code: "custom",
      message: `${subject}. Use IDs like ${OU_ID_EXAMPLE}, separated by commas.`,
    });
  })
  .optional()
  .transform((value) => {
    const ids = value === undefined ? [] : parseOrganizationUnitIds(value);
    return ids.length === 0 ? undefined : ids.join(",");
  });
