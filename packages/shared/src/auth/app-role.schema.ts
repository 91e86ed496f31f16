import { z } from "zod";

/** admin: manages integrations, connectors and users; user: the User Portal only. */
export const APP_ROLES = ["admin", "user"] as const;
export type TAppRole = (typeof APP_ROLES)[number];
export const ZAppRole = z.enum(APP_ROLES, { error: "Select a role: admin or user." });
