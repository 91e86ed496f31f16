import {
  type TOwnerAttributeType,
  ZDirectoryGroup,
  ZDirectoryUser,
  ZIdentityProvider,
} from "@portcullis/shared";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { api } from "../../../lib/api-client.ts";

// Response envelopes of the directory routes: `{ items }` of the shared item schemas.
const ZProviderList = z.object({ items: z.array(ZIdentityProvider) });
const ZUserList = z.object({ items: z.array(ZDirectoryUser) });
const ZGroupList = z.object({ items: z.array(ZDirectoryGroup) });

export const directoryKeys = {
  all: ["directory"] as const,
  providers: () => [...directoryKeys.all, "providers"] as const,
  search: (providerId: string, type: TOwnerAttributeType, search: string) =>
    [...directoryKeys.all, "search", providerId, type, search] as const,
};

export function useIdentityProviders() {
  return useQuery({
    queryKey: directoryKeys.providers(),
    queryFn: ({ signal }) => api.get("/api/admin/identity-providers", { schema: ZProviderList, signal }),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

/** A person or group to pick as an owner: `value` is what is saved (email, or group name). */
export type DirectoryOption = { value: string; label: string; description: string };

/**
 * The provider id that stands for every identity source (an owner setting with no
 * `source_integration_reference`): the search then spans all sources. Source ids are UUIDs, so it
 * names none of them.
 */
export const EVERY_SOURCE = "every-source";

export function useDirectorySearch(
  providerId: string | null,
  type: TOwnerAttributeType | null,
  search: string,
) {
  return useQuery({
    queryKey: directoryKeys.search(providerId ?? "", type ?? "user", search.trim()),
    enabled: providerId !== null && type !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    queryFn: async ({ signal }): Promise<DirectoryOption[]> => {
      const everySource = providerId === EVERY_SOURCE;
      const providerFilter = everySource ? undefined : (providerId ?? undefined);
      const query = { provider_id: providerFilter, search: search.trim() || undefined, limit: 50 };
      // Across every source, say where each comes from: one name may be a group in several.
      const where = (name: string | undefined) => (everySource && name ? ` (${name})` : "");
      if (type === "group") {
        const groups = await api.get("/api/admin/directory/groups", { query, schema: ZGroupList, signal });
        return mergeByValue(
          groups.items.map((group) => ({
            value: group.name,
            label: group.name,
            description: `${group.member_count === 1 ? "1 member" : `${group.member_count} members`}${where(group.provider_name)}`,
          })),
        );
      }
      const users = await api.get("/api/admin/directory/users", { query, schema: ZUserList, signal });
      return mergeByValue(
        users.items.map((user) => ({
          value: user.email,
          label: user.name,
          description: `${user.email}${where(user.provider_name)}`,
        })),
      );
    },
  });
}

/**
 * One option per saved value. Searched across every source, a group name (or a person's email)
 * can come back once per source that has it, and what is saved is the name, which the API looks up
 * in every source: one choice. (Mantine's pickers also throw on two options with one value, which
 * took the whole Value picker off the page.) Their descriptions are kept side by side, and so are
 * their labels when the sources name it differently (one email, "Bob Baker" in one source and
 * "Bob Nguyen" in another): showing only the first name would hide who else the value reaches.
 */
export function mergeByValue(options: readonly DirectoryOption[]): DirectoryOption[] {
  const merged = new Map<string, { option: DirectoryOption; labels: string[] }>();
  for (const option of options) {
    const seen = merged.get(option.value);
    if (!seen) {
      merged.set(option.value, { option, labels: [option.label] });
      continue;
    }
    if (!seen.labels.includes(option.label)) seen.labels.push(option.label);
    seen.option = { ...seen.option, description: `${seen.option.description}; ${option.description}` };
  }
  return [...merged.values()].map(({ option, labels }) => ({ ...option, label: labels.join(" / ") }));
}
