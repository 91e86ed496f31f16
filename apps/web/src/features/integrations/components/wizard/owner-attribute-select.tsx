import { Select, type SelectProps } from "@mantine/core";
import type { TIdentityProvider, TOwnerAttributeType } from "@portcullis/shared";
import type { Ref } from "react";

export type OwnerAttribute = { providerId: string; type: TOwnerAttributeType };

const SEPARATOR = "::";

export function encodeAttribute(attribute: OwnerAttribute | null): string | null {
  return attribute ? `${attribute.providerId}${SEPARATOR}${attribute.type}` : null;
}

export function decodeAttribute(value: string | null): OwnerAttribute | null {
  if (!value) return null;
  const at = value.lastIndexOf(SEPARATOR);
  const type = value.slice(at + SEPARATOR.length);
  if (at < 0 || (type !== "user" && type !== "group")) return null;
  return { providerId: value.slice(0, at), type };
}

/** Options grouped by identity provider: User or Group under each, as the documentation describes. */
export function attributeOptions(providers: readonly TIdentityProvider[]) {
  const qualify = providers.length > 1;
  return providers.map((provider) => ({
    group: provider.name,
    items: (["user", "group"] as const).map((type) => {
      const word = type === "user" ? "User" : "Group";
      return {
        value: encodeAttribute({ providerId: provider.id, type }) ?? "",
        label: qualify ? `${word} (${provider.name})` : word,
      };
    }),
  }));
}

/** The Attribute dropdown of the owner settings. */
export function OwnerAttributeSelect({
  providers,
  value,
  onChange,
  inputRef,
  ...props
}: Omit<SelectProps, "data" | "value" | "onChange"> & {
  providers: readonly TIdentityProvider[];
  value: OwnerAttribute | null;
  onChange: (value: OwnerAttribute | null) => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <Select
      ref={inputRef}
      data={attributeOptions(providers)}
      value={encodeAttribute(value)}
      onChange={(next) => onChange(decodeAttribute(next))}
      placeholder="Select User or Group"
      clearable
      allowDeselect
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}
