import { zodResolver } from "@hookform/resolvers/zod";
import { Alert, Button, Group, MultiSelect, Stack, TextInput } from "@mantine/core";
import { type TCreateIdentityGroup, type TIdentityGroup, ZCreateIdentityGroup } from "@portcullis/shared";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { applyApiErrors } from "../api/form-errors.ts";
import { useCreateGroup, useSourcePeople, useUpdateGroup } from "../api/identity-sources.ts";

type FormInput = z.input<typeof ZCreateIdentityGroup>;

// The most people one request returns: a built-in source is for small teams, so one page holds
// everyone who can be picked as a member.
const MEMBER_CHOICES = { limit: 1000, offset: 0 };

/** Adds a group to a built-in source or edits one (`group`): its name and its members. */
export function GroupForm({
  sourceId,
  group,
  onDone,
  onCancel,
}: {
  sourceId: string;
  group?: TIdentityGroup;
  onDone: (saved: TIdentityGroup) => void;
  onCancel: () => void;
}) {
  const people = useSourcePeople(sourceId, MEMBER_CHOICES);
  const create = useCreateGroup(sourceId);
  const update = useUpdateGroup(sourceId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormInput, unknown, TCreateIdentityGroup>({
    resolver: zodResolver(ZCreateIdentityGroup),
    defaultValues: {
      display_name: group?.display_name ?? "",
      member_ids: group?.members.map((member) => member.id) ?? [],
    },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (body) => {
    setFormError(null);
    try {
      const saved = group ? await update.mutateAsync({ id: group.id, body }) : await create.mutateAsync(body);
      onDone(saved);
    } catch (error) {
      setFormError(applyApiErrors(error, ["display_name", "member_ids"], form.setError));
    }
  });
  // Members already in the group stay selectable even if they are not on the page of choices.
  const choices = new Map<string, string>();
  for (const member of group?.members ?? []) choices.set(member.id, member.display_name ?? member.user_name);
  for (const person of people.data?.items ?? [])
    choices.set(
      person.id,
      person.display_name ? `${person.display_name} (${person.user_name})` : person.user_name,
    );

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <TextInput
          label="Group name"
          withAsterisk
          {...form.register("display_name")}
          error={errors.display_name?.message}
        />
        <Controller
          control={form.control}
          name="member_ids"
          render={({ field }) => (
            <MultiSelect
              label="Members"
              placeholder={people.isPending ? "Loading people…" : "Search people"}
              searchable
              clearable
              nothingFoundMessage="No person matches"
              data={[...choices].map(([value, label]) => ({ value, label }))}
              value={field.value ?? []}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={
                errors.member_ids?.message ?? (people.isError ? "The people could not be loaded." : undefined)
              }
              comboboxProps={{ withinPortal: true }}
            />
          )}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {group ? "Save group" : "Add group"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
