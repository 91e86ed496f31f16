import { z } from "zod";
import { ZIsoDateTime } from "../common/iso-date-time.schema.ts";
import { unknownKeysError } from "../common/unknown-keys.ts";
import { ZAppRole } from "./app-role.schema.ts";
import { ZEmail, ZNewPassword } from "./credentials.schema.ts";

/** POST body creating a Portcullis user (admin only). */
export const ZCreateAppUser = z.strictObject(
  { email: ZEmail, role: ZAppRole, password: ZNewPassword },
  { error: unknownKeysError({ where: "a user", notAnObject: "Send the user as a JSON object." }) },
);

/** A Portcullis user as listed (never the password hash). */
export const ZAppUser = z.object({
  id: z.string(),
  email: z.string(),
  role: ZAppRole,
  created_at: ZIsoDateTime,
});

export type TCreateAppUser = z.output<typeof ZCreateAppUser>;
export type TCreateAppUserInput = z.input<typeof ZCreateAppUser>;
export type TAppUser = z.output<typeof ZAppUser>;
