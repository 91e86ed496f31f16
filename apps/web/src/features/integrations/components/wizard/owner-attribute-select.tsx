import { Select, type SelectProps } from "@mantine/core";
import {
  OWNER_MAPPING_ATTRIBUTE_TYPES,
  type TIdentityProvider,
  type TOwnerAttributeType,
  type TOwnerMappingAttributeType,
} from "@portcullis/shared";
import type { Ref } from "react";
import { EVERY_SOURCE } from "../../../directory/index.ts";

export type OwnerAttribute<T extends string = TOwnerAttributeType> = { providerId: string; type: T };

/** How each attribute reads in the dropdown. */
const ATTRIBUTE_WORDS: Record<TOwnerMappingAttributeType, string> = {
  user: "User",
  group: "Group",
  email: "Email",
  user_name: "User name",
  department: "Department",
  manager: "Manager",
  title: "Title",
  employee_number: "Employee number",
  cost_center: "Cost center",
  organization: "Organization",
  division: "Division",
  external_id: "External id",
};

/** The integration owner names users or groups; a resource owner tag may match any attribute. */
export const OWNER_TYPES = ["user", "group"] as const satisfies readonly TOwnerAttributeType[];
export const MAPPING_TYPES = OWNER_MAPPING_ATTRIBUTE_TYPES;

const SEPARATOR = "::";

export function encodeAttribute(attribute: OwnerAttribute<string> | null): string | null {
  return attribute ? `${attribute.providerId}${SEPARATOR}${attribute.type}` : null;
}

export function decodeAttribute<T extends string = TOwnerAttributeType>(
  value: string | null,
  types: readonly T[] = OWNER_TYPES as unknown as readonly T[],
): OwnerAttribute<T> | null {
  if (!value) return null;
  const at = value.lastIndexOf(SEPARATOR);
  const type = value.slice(at + SEPARATOR.length);
  if (at < 0 || !types.includes(type as T)) return null;
  return { providerId: value.slice(0, at), type: type as T };
}

/** Options grouped by identity source: its attributes under each, as the documentation describes. */
export function attributeOptions(
  providers: readonly TIdentityProvider[],
  types: readonly TOwnerMappingAttributeType[] = OWNER_TYPES,
) {
  const qualify = providers.length > 1;
  const group = (providerId: string, name: string) => ({
    group: name,
    items: types.map((type) => {
      const word = ATTRIBUTE_WORDS[type];
      return {
        value: encodeAttribute({ providerId, type }) ?? "",
        label: qualify ? `${word} (${name})` : word,
      };
    }),
  });
  // With several sources, a value may be looked up in all of them (no source reference), as the
  // API allows: a person found in any source owns.
  return [
    ...(qualify ? [group(EVERY_SOURCE, "Every source")] : []),
    ...providers.map((provider) => group(provider.id, provider.name)),
  ];
}

/** The source reference an attribute's source is saved as: none for every source. */
export function sourceReferenceOf(providerId: string | undefined): string | null {
  return !providerId || providerId === EVERY_SOURCE ? null : providerId;
}

/** The Attribute dropdown of the owner settings: `types` are the attributes offered under each source. */
export function OwnerAttributeSelect<T extends TOwnerMappingAttributeType = TOwnerAttributeType>({
  providers,
  value,
  onChange,
  inputRef,
  types = OWNER_TYPES as unknown as readonly T[],
  ...props
}: Omit<SelectProps, "data" | "value" | "onChange"> & {
  providers: readonly TIdentityProvider[];
  value: OwnerAttribute<T> | null;
  onChange: (value: OwnerAttribute<T> | null) => void;
  inputRef?: Ref<HTMLInputElement>;
  types?: readonly T[];
}) {
  return (
    <Select
      ref={inputRef}
      data={attributeOptions(providers, types)}
      value={encodeAttribute(value)}
      onChange={(next) => onChange(decodeAttribute(next, types))}
      placeholder={types.length > 2 ? "Select an attribute" : "Select User or Group"}
      clearable
      allowDeselect
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}
