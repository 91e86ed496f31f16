import { z } from "zod";
import { unknownKeysError } from "../common/unknown-keys.ts";
import { ZEmail, ZPassword } from "./credentials.schema.ts";

/** POST /api/auth/login body. */
export const ZLoginBody = z.strictObject(
  { email: ZEmail, password: ZPassword },
  {
    error: unknownKeysError({
      where: "a sign-in request",
      notAnObject: "Send email and password as a JSON object.",
    }),
  },
);

export type TLoginBody = z.output<typeof ZLoginBody>;
export type TLoginBodyInput = z.input<typeof ZLoginBody>;
