import { z } from "zod";
import { ZAppRole } from "./app-role.schema.ts";

/** The signed-in user. */
export const ZMe = z.object({ id: z.string(), email: z.string(), role: ZAppRole });

export type TMe = z.output<typeof ZMe>;
