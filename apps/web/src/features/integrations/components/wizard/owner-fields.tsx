import { Alert, Button, Group, Paper, Skeleton, Stack, Text, TextInput, Title } from "@mantine/core";
import {
  OWNER_REQUIRED_MESSAGE,
  type TFieldHelp,
  type TIdentityProvider,
  type TOwnerInput,
  type TOwnerMappingAttributeType,
} from "@portcullis/shared";
import type { ReactNode } from "react";
import { get, useController, useFormContext } from "react-hook-form";
import { errorMessage } from "../../../../components/states.tsx";
import { DirectoryValuesSelect, EVERY_SOURCE, useIdentityProviders } from "../../../directory/index.ts";
import { FieldLabel, fieldHelp } from "./field-help.tsx";
import {
  MAPPING_TYPES,
  type OwnerAttribute,
  OwnerAttributeSelect,
  sourceReferenceOf,
} from "./owner-attribute-select.tsx";
import type { WizardValues } from "./wizard-values.ts";

/** A bordered section for one optional setting: its label marked "(Optional)", its help, its fields. */
function OptionalSection({
  headingId,
  help,
  children,
}: {
  headingId: string;
  help: TFieldHelp;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={headingId}>
      <Title order={4} id={headingId} size="h5">
        <FieldLabel label={help.label} optional />
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {help.help}
      </Text>
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}

/**
 * The source an owner setting names: by id, else by name (any case), as the API resolves it;
 * no reference means every source (shown under the only source when there is one).
 */
function providerIdOf(providers: readonly TIdentityProvider[], reference: string | null | undefined): string {
  if (!reference) return providers.length > 1 ? EVERY_SOURCE : (providers[0]?.id ?? "");
  const byId = providers.find((provider) => provider.id === reference);
  const byName = providers.find((provider) => provider.name.toLowerCase() === reference.toLowerCase());
  return (byId ?? byName)?.id ?? reference;
}

function messageOf(errors: unknown, path: string): string | undefined {
  const error = get(errors, path) as { message?: string } | undefined;
  return typeof error?.message === "string" && error.message ? error.message : undefined;
}

/** The value picker of the integration owner: users or groups of the chosen source (or every source). */
function OwnerValuesSelect({
  owner,
  providerId,
  onChange,
  onBlur,
  error,
}: {
  owner: TOwnerInput;
  providerId: string;
  onChange: (values: string[]) => void;
  onBlur: () => void;
  error: string | undefined;
}) {
  const help = fieldHelp("owner.attribute_value");
  return (
    <DirectoryValuesSelect
      label={help.label}
      description={help.help}
      withAsterisk
      providerId={providerId}
      type={owner.attribute_type}
      values={owner.attribute_value ?? []}
      onChange={onChange}
      onBlur={onBlur}
      error={error}
    />
  );
}

function IntegrationOwnerField({ providers }: { providers: readonly TIdentityProvider[] }) {
  const { control, formState } = useFormContext<WizardValues>();
  const { field } = useController({ control, name: "owner" });
  const owner = field.value;
  const help = fieldHelp("owner");
  const attributeHelp = fieldHelp("owner.attribute_type");
  const attribute: OwnerAttribute | null = owner?.attribute_type
    ? { providerId: providerIdOf(providers, owner.source_integration_reference), type: owner.attribute_type }
    : null;

  const onAttribute = (next: OwnerAttribute | null) => {
    if (!next) return field.onChange(null);
    const same = attribute && attribute.providerId === next.providerId && attribute.type === next.type;
    field.onChange({
      attribute_type: next.type,
      source_integration_reference: sourceReferenceOf(next.providerId),
      attribute_value: same ? (owner?.attribute_value ?? []) : [],
    });
  };

  const attributeError =
    messageOf(formState.errors, "owner.attribute_type") ??
    messageOf(formState.errors, "owner.source_integration_reference") ??
    messageOf(formState.errors, "owner");
  const valuesError =
    messageOf(formState.errors, "owner.attribute_value") ??
    messageOf(formState.errors, "owner.attribute_value.0");

  return (
    <OptionalSection headingId="integration-owner-heading" help={help}>
      <OwnerAttributeSelect
        inputRef={field.ref}
        label={attributeHelp.label}
        // Both owner sections label their dropdown "Attribute", as the documentation does; the
        // accessible name says whose attribute it is, so a screen reader can tell them apart.
        aria-label={`Integration owner ${attributeHelp.label.toLowerCase()}`}
        description={attributeHelp.help}
        providers={providers}
        value={attribute}
        onChange={onAttribute}
        onBlur={field.onBlur}
        error={attributeError}
      />
      {owner && (
        <OwnerValuesSelect
          owner={owner}
          providerId={attribute?.providerId ?? ""}
          onChange={(values) => field.onChange({ ...owner, attribute_value: values })}
          onBlur={field.onBlur}
          error={valuesError}
        />
      )}
    </OptionalSection>
  );
}

function ResourceOwnerField({
  providers,
  onDefineOwner,
}: {
  providers: readonly TIdentityProvider[];
  onDefineOwner: () => void;
}) {
  const { control, formState, watch } = useFormContext<WizardValues>();
  const { field } = useController({ control, name: "owners_mapping" });
  const ownerDefined = watch("owner") !== null;
  const mapping = field.value;
  const help = fieldHelp("owners_mapping");
  const keyHelp = fieldHelp("owners_mapping.key_name");
  const attributeHelp = fieldHelp("owners_mapping.attribute_type");
  const attribute: OwnerAttribute<TOwnerMappingAttributeType> | null = mapping?.attribute_type
    ? {
        providerId: providerIdOf(providers, mapping.source_integration_reference),
        type: mapping.attribute_type,
      }
    : null;

  const update = (next: {
    key_name: string;
    attribute: OwnerAttribute<TOwnerMappingAttributeType> | null;
  }) => {
    if (next.key_name === "" && !next.attribute) return field.onChange(null);
    field.onChange({
      key_name: next.key_name,
      attribute_type: next.attribute?.type,
      source_integration_reference: sourceReferenceOf(next.attribute?.providerId),
    });
  };

  return (
    <OptionalSection headingId="resource-owner-heading" help={help}>
      <TextInput
        ref={field.ref}
        label={keyHelp.label}
        description={keyHelp.help}
        placeholder={keyHelp.placeholder}
        value={mapping?.key_name ?? ""}
        onChange={(event) => update({ key_name: event.currentTarget.value, attribute })}
        onBlur={field.onBlur}
        error={messageOf(formState.errors, "owners_mapping.key_name")}
        autoComplete="off"
        spellCheck={false}
      />
      <OwnerAttributeSelect
        label={attributeHelp.label}
        aria-label={`Resource owner ${attributeHelp.label.toLowerCase()}`}
        description={attributeHelp.help}
        providers={providers}
        types={MAPPING_TYPES}
        value={attribute}
        onChange={(next) => update({ key_name: mapping?.key_name ?? "", attribute: next })}
        onBlur={field.onBlur}
        error={
          messageOf(formState.errors, "owners_mapping.attribute_type") ??
          messageOf(formState.errors, "owners_mapping.source_integration_reference") ??
          messageOf(formState.errors, "owners_mapping")
        }
      />
      {mapping && !ownerDefined ? (
        <Alert
          color="yellow"
          variant="light"
          title="Integration owner needed"
          role="note"
          data-testid="owner-rule"
        >
          <Text size="sm">{OWNER_REQUIRED_MESSAGE}</Text>
          <Button size="xs" variant="default" mt="xs" onClick={onDefineOwner}>
            Define the integration owner
          </Button>
        </Alert>
      ) : (
        <Text size="xs" c="dimmed">
          {OWNER_REQUIRED_MESSAGE}
        </Text>
      )}
    </OptionalSection>
  );
}

/** Integration Owner and Resource Owner, with the identity providers to pick from. */
export function OwnerFields() {
  const providers = useIdentityProviders();
  const { setFocus } = useFormContext<WizardValues>();
  if (providers.isPending) {
    return (
      <Stack gap="sm" aria-busy="true" aria-label="Loading identity providers">
        <Skeleton h={120} radius="md" />
        <Skeleton h={120} radius="md" />
      </Stack>
    );
  }
  if (providers.isError) {
    return (
      <Alert color="red" title="The identity providers could not be loaded" role="alert">
        <Text size="sm">{errorMessage(providers.error)} Owners can be set once they load.</Text>
        <Group mt="xs">
          <Button size="xs" variant="default" onClick={() => providers.refetch()}>
            Try again
          </Button>
        </Group>
      </Alert>
    );
  }
  return (
    <Stack gap="md">
      <IntegrationOwnerField providers={providers.data} />
      <ResourceOwnerField providers={providers.data} onDefineOwner={() => setFocus("owner")} />
    </Stack>
  );
}
