import { zodResolver } from "@hookform/resolvers/zod";
import { Alert, Button, Group, Stack, TextInput } from "@mantine/core";
import { type TIdentitySource, type TUpdateIdentitySource, ZUpdateIdentitySource } from "@portcullis/shared";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyApiErrors } from "../api/form-errors.ts";
import { useRenameIdentitySource } from "../api/identity-sources.ts";

type FormInput = z.input<typeof ZUpdateIdentitySource>;

export function RenameSourceForm({ source, onDone }: { source: TIdentitySource; onDone: () => void }) {
  const rename = useRenameIdentitySource();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormInput, unknown, TUpdateIdentitySource>({
    resolver: zodResolver(ZUpdateIdentitySource),
    defaultValues: { name: source.name },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (body) => {
    setFormError(null);
    try {
      await rename.mutateAsync({ id: source.id, body });
      onDone();
    } catch (error) {
      setFormError(applyApiErrors(error, ["name"], form.setError));
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
          label="Source name"
          withAsterisk
          data-autofocus
          {...form.register("name")}
          error={errors.name?.message}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Save name
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
