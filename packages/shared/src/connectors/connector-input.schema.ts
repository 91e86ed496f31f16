import { z } from "zod";
import { IAM_ROLE_ARN_EXAMPLE, IAM_ROLE_ARN_MAX, IAM_ROLE_ARN_PATTERN } from "../common/aws-formats.ts";
import { emptyTooLongOr } from "../common/checks.ts";
import { ZName } from "../common/name.schema.ts";
import { unknownKeysError } from "../common/unknown-keys.ts";
import { makeRegionField } from "../integrations/config-fields.schema.ts";

/** Role ARN text: empty allowed here (means "no role"); the schemas below map it. */
const ZRoleArnText = z
  .string({ error: "Send role_arn as a string." })
  .trim()
  .max(IAM_ROLE_ARN_MAX, { error: `Role ARN must be at most ${IAM_ROLE_ARN_MAX} characters.` })
  .refine(
    emptyTooLongOr(IAM_ROLE_ARN_MAX, (arn) => IAM_ROLE_ARN_PATTERN.test(arn)),
    {
      error: `Role ARN must look like ${IAM_ROLE_ARN_EXAMPLE}.`,
    },
  );

const ZConnectorRegion = makeRegionField({
  required: "Select the region the connector runs in.",
  noun: "a region",
});

const bodyError = unknownKeysError({
  where: "a connector",
  notAnObject: "Send the connector as a JSON object.",
  hints: { id: 'Remove "id": it is derived from the name by the server.' },
});

/**
 * New connector. `role_arn` is the role the connector assumes (with our external id);
 * without it the connector uses the credentials of the process running Portcullis.
 * Output: empty/null `role_arn` becomes `undefined`.
 */
export const ZCreateConnector = z.strictObject(
  {
    name: ZName,
    role_arn: ZRoleArnText.nullish().transform((value) => (value ? value : undefined)),
    region: ZConnectorRegion,
  },
  { error: bodyError },
);

/**
 * Connector update (UpsertConnectorV3 plus our settings). An absent field is left as it is;
 * `role_arn: null` or `""` removes the role (output `null`).
 */
export const ZUpdateConnector = z.strictObject(
  {
    name: ZName,
    role_arn: ZRoleArnText.nullish().transform((value) => (value === "" ? null : value)),
    region: ZConnectorRegion.optional(),
  },
  { error: bodyError },
);

export type TCreateConnector = z.output<typeof ZCreateConnector>;
export type TCreateConnectorInput = z.input<typeof ZCreateConnector>;
export type TUpdateConnector = z.output<typeof ZUpdateConnector>;
export type TUpdateConnectorInput = z.input<typeof ZUpdateConnector>;
