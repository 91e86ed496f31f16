import { z } from "zod";
import type { TIntegrationType } from "../catalog/integration-types.ts";
import { unknownKeysError } from "../common/unknown-keys.ts";
import {
  AWS_ACCOUNT_BODY_SHAPE,
  AWS_ORGANIZATION_BODY_SHAPE,
  INTEGRATION_BODY_HINTS,
} from "./integration-body.schema.ts";
import { checkOwnerRequiredForMapping, RUN_EVEN_WITH_FIELD_ERRORS } from "./owner.schema.ts";

const NOT_AN_OBJECT = "Send the integration as a JSON object.";
const { type: _typeHint, ...createHints } = INTEGRATION_BODY_HINTS;

const bodyError = unknownKeysError({
  where: "an integration",
  notAnObject: NOT_AN_OBJECT,
  hints: createHints,
});

/** Create body of an Amazon Account integration; also the resolver of its wizard form. */
export const ZCreateAwsAccountIntegration = z
  .strictObject({ type: z.literal("aws-account"), ...AWS_ACCOUNT_BODY_SHAPE }, { error: bodyError })
  .superRefine(checkOwnerRequiredForMapping, RUN_EVEN_WITH_FIELD_ERRORS);

/** Create body of an Amazon Organization integration; also the resolver of its wizard form. */
export const ZCreateAwsOrganizationIntegration = z
  .strictObject({ type: z.literal("aws-organization"), ...AWS_ORGANIZATION_BODY_SHAPE }, { error: bodyError })
  .superRefine(checkOwnerRequiredForMapping, RUN_EVEN_WITH_FIELD_ERRORS);

/**
 * POST /api/admin/v4/integrations body (CreateIntegrationV4), chosen by `type`. The web form
 * of a wizard knows its type, so it can use the branch schema directly
 * (`ZCreateIntegrationFor[type]`), which gives react-hook-form a plain object type.
 */
export const ZCreateIntegration = z.discriminatedUnion(
  "type",
  [ZCreateAwsAccountIntegration, ZCreateAwsOrganizationIntegration],
  {
    // Typed as union-only, but a non-object body is reported here as `invalid_type`.
    error: (issue) =>
      (issue.code as string) === "invalid_type"
        ? NOT_AN_OBJECT
        : 'Choose an integration type: "aws-account" or "aws-organization".',
  },
);

export const ZCreateIntegrationFor = {
  "aws-account": ZCreateAwsAccountIntegration,
  "aws-organization": ZCreateAwsOrganizationIntegration,
} as const satisfies Record<TIntegrationType, z.ZodType>;

/** Parsed body: trimmed, defaults applied, empty optional values removed. */
export type TCreateIntegration = z.output<typeof ZCreateIntegration>;
/** What a form holds before parsing (react-hook-form's field values). */
export type TCreateIntegrationInput = z.input<typeof ZCreateIntegration>;
export type TCreateAwsAccountIntegration = z.output<typeof ZCreateAwsAccountIntegration>;
export type TCreateAwsAccountIntegrationInput = z.input<typeof ZCreateAwsAccountIntegration>;
export type TCreateAwsOrganizationIntegration = z.output<typeof ZCreateAwsOrganizationIntegration>;
export type TCreateAwsOrganizationIntegrationInput = z.input<typeof ZCreateAwsOrganizationIntegration>;
