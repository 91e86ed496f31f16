/** The identity provider built into Portcullis, seeded on first start. */
export const BUILTIN_PROVIDER = {
  id: "portcullis-directory",
  name: "Portcullis Directory",
  type: "builtin",
} as const;
