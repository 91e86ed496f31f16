import { z } from "zod";
import { ZCredentialsStatus } from "../access/access-session.schema.ts";
import { ZIsoDateTime } from "../common/iso-date-time.schema.ts";

// GET /api/v3/integrations/{id}/credentials: the managed IAM users of an integration with the
// age of their keys, the last and next rotation (issue #19), for the integration page.

export const ZManagedCredentialV1 = z.object({
  id: z.string(),
  account_id: z.string(),
  user_name: z.string(),
  person_id: z.string(),
  access_key_id: z.string().nullable(),
  key_created_at: ZIsoDateTime.nullable(),
  /** Whole days since the key was created. */
  key_age_in_days: z.number().int().nullable(),
  credentials_status: ZCredentialsStatus,
  last_rotated_at: ZIsoDateTime.nullable(),
  /** When the key is due; it is rotated at the first moment after it when no grant of the user is live. */
  next_rotation_at: ZIsoDateTime.nullable(),
  /** Due, but a grant of the user is live: rotated when it ends. */
  rotation_deferred: z.boolean(),
  live_grants: z.number().int(),
  last_failure: z.string().nullable(),
  last_failure_fix: z.string().nullable(),
});

export const ZManagedCredentialsV1 = z.object({
  /** The integration's Credential Rotation; null: keys are not rotated on a schedule. */
  rotation_period_in_days: z.number().int().nullable(),
  /** Managed users with no grant for this many days are deleted with their keys. */
  cleanup_period_in_days: z.number().int(),
  items: z.array(ZManagedCredentialV1),
});

export type TManagedCredentialV1 = z.output<typeof ZManagedCredentialV1>;
export type TManagedCredentialsV1 = z.output<typeof ZManagedCredentialsV1>;
