import { type TCreateIntegration, ZIntegrationCheckResponse, ZIntegrationListV4 } from "@portcullis/shared";
import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";

/** The Test button: the named live checks of a create body (nothing is created). */
export function useIntegrationCheck() {
  return useMutation({
    mutationFn: (body: TCreateIntegration) =>
      api.post("/api/admin/v4/integrations/check", body, {
        schema: ZIntegrationCheckResponse,
      }),
  });
}

/**
 * Whether another integration already has this name, compared ignoring case as the API does
 * (the list's name filter is case-insensitive; without wildcards it matches the whole name).
 */
export async function nameIsTaken(name: string, exceptId?: string): Promise<boolean> {
  const wanted = name.trim();
  if (!wanted) return false;
  const page = await api.get("/api/admin/v4/integrations", {
    query: { name: wanted, limit: 5 },
    schema: ZIntegrationListV4,
  });
  return page.items.some((item) => item.id !== exceptId && item.name.toLowerCase() === wanted.toLowerCase());
}
