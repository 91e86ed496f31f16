import { z } from "zod";
import { AWS_ACCOUNT_CATALOG } from "../catalog/aws-account.catalog.ts";
import { unknownKeysError } from "../common/unknown-keys.ts";
import { configShape } from "./config-field-registry.ts";
import { dropUndefined } from "./drop-undefined.ts";

export const CONFIG_NOT_AN_OBJECT = "Send integration_config as an object of settings.";

/**
 * `integration_config` of an Amazon Account. Strict: a setting this type does not have is
 * rejected rather than silently stored. Output has `profile` defaulted to "apono" and
 * empty optional settings removed.
 */
export const ZAwsAccountConfig = z
  .strictObject(configShape(AWS_ACCOUNT_CATALOG.params), {
    error: unknownKeysError({
      where: "the Amazon Account integration config",
      notAnObject: CONFIG_NOT_AN_OBJECT,
    }),
  })
  .transform(dropUndefined);

export type TAwsAccountConfig = z.output<typeof ZAwsAccountConfig>;
export type TAwsAccountConfigInput = z.input<typeof ZAwsAccountConfig>;
