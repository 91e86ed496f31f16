import { type TCreateAppUser, ZAppUser } from "@portcullis/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { api } from "../../../lib/api-client.ts";

const ZAppUserList = z.object({ items: z.array(ZAppUser) });

export const userKeys = { all: ["users"] as const, list: () => [...userKeys.all, "list"] as const };

export function useUsers() {
  return useQuery({
    queryKey: userKeys.list(),
    queryFn: ({ signal }) => api.get("/api/admin/users", { schema: ZAppUserList, signal }),
    select: (data) => data.items,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateAppUser) => api.post("/api/admin/users", body, { schema: ZAppUser }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.list() }),
  });
}

export function useDeleteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/admin/users/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.list() }),
  });
}
