import type { IdentityProvider } from "../generated/prisma/client.ts";
import { BUILTIN_PROVIDER } from "./builtin-provider.ts";

/**
 * Finds the provider an owner setting refers to: by id, else by name (any case). No
 * reference means the built-in directory.
 */
export function resolveProvider(
  providers: readonly IdentityProvider[],
  reference: string | null | undefined,
): IdentityProvider | undefined {
  const wanted = reference ?? BUILTIN_PROVIDER.id;
  return (
    providers.find((provider) => provider.id === wanted) ??
    providers.find((provider) => provider.name.toLowerCase() === wanted.toLowerCase())
  );
}
