import { zodResolver } from "@hookform/resolvers/zod";
import { Alert, Button, Group, SimpleGrid, Stack, Switch, TextInput } from "@mantine/core";
import { type TCreateIdentityPerson, type TIdentityPerson, ZCreateIdentityPerson } from "@portcullis/shared";
import { useState } from "react";
import { Controller, type Path, useForm } from "react-hook-form";
import type { z } from "zod";
import { applyApiErrors } from "../api/form-errors.ts";
import { useCreatePerson, useUpdatePerson } from "../api/identity-sources.ts";

type FormInput = z.input<typeof ZCreateIdentityPerson>;

const TEXT_FIELDS = [
  { name: "display_name", label: "Display name", autoComplete: "name" },
  { name: "given_name", label: "Given name", autoComplete: "given-name" },
  { name: "family_name", label: "Family name", autoComplete: "family-name" },
  { name: "title", label: "Title", autoComplete: "organization-title" },
  { name: "department", label: "Department", autoComplete: "off" },
  { name: "employee_number", label: "Employee number", autoComplete: "off" },
] as const satisfies readonly { name: Path<FormInput>; label: string; autoComplete: string }[];

const FIELDS: readonly Path<FormInput>[] = [
  "user_name",
  "email",
  "active",
  ...TEXT_FIELDS.map((f) => f.name),
];

function defaultsOf(person: TIdentityPerson | undefined): FormInput {
  return {
    user_name: person?.user_name ?? "",
    email: person?.email ?? "",
    display_name: person?.display_name ?? "",
    given_name: person?.given_name ?? "",
    family_name: person?.family_name ?? "",
    title: person?.title ?? "",
    department: person?.department ?? "",
    employee_number: person?.employee_number ?? "",
    active: person?.active ?? true,
  };
}

/** Adds a person to a built-in source, or edits one (`person`): checked by the shared schema. */
export function PersonForm({
  sourceId,
  person,
  onDone,
  onCancel,
}: {
  sourceId: string;
  person?: TIdentityPerson;
  onDone: (saved: TIdentityPerson) => void;
  onCancel?: () => void;
}) {
  const create = useCreatePerson(sourceId);
  const update = useUpdatePerson(sourceId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormInput, unknown, TCreateIdentityPerson>({
    resolver: zodResolver(ZCreateIdentityPerson),
    defaultValues: defaultsOf(person),
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (body) => {
    setFormError(null);
    try {
      const saved = person
        ? await update.mutateAsync({ id: person.id, body })
        : await create.mutateAsync(body);
      onDone(saved);
    } catch (error) {
      setFormError(applyApiErrors(error, FIELDS, form.setError));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <TextInput
          label="User name"
          description="Unique in this source; usually the sign-in name or email."
          withAsterisk
          autoComplete="off"
          {...form.register("user_name")}
          error={errors.user_name?.message}
        />
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          // An empty box means "no email", which the schema takes as null (not an invalid address).
          {...form.register("email", { setValueAs: (value: string) => (value === "" ? null : value) })}
          error={errors.email?.message}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          {TEXT_FIELDS.map((field) => (
            <TextInput
              key={field.name}
              label={field.label}
              autoComplete={field.autoComplete}
              {...form.register(field.name)}
              error={errors[field.name]?.message}
            />
          ))}
        </SimpleGrid>
        <Controller
          control={form.control}
          name="active"
          render={({ field }) => (
            <Switch
              label="Active"
              description="An inactive person no longer counts as an owner or approver."
              checked={field.value ?? true}
              onChange={(event) => field.onChange(event.currentTarget.checked)}
              onBlur={field.onBlur}
              ref={field.ref}
              error={errors.active?.message}
            />
          )}
        />
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={isSubmitting}>
            {person ? "Save person" : "Add person"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
