import { zodResolver } from "@hookform/resolvers/zod";
import { Alert, Button, Group, Radio, Stack, Text, TextInput } from "@mantine/core";
import {
  type TCreateIdentitySource,
  type TIdentitySourceWithToken,
  ZCreateIdentitySource,
} from "@portcullis/shared";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { applyApiErrors } from "../api/form-errors.ts";
import { useCreateIdentitySource } from "../api/identity-sources.ts";

type FormInput = z.input<typeof ZCreateIdentitySource>;

/** Name and type of a new source; the created source (with a SCIM token, once) goes to `onCreated`. */
export function AddSourceForm({
  onCreated,
  onCancel,
}: {
  onCreated: (source: TIdentitySourceWithToken) => void;
  onCancel: () => void;
}) {
  const create = useCreateIdentitySource();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormInput, unknown, TCreateIdentitySource>({
    resolver: zodResolver(ZCreateIdentitySource),
    defaultValues: { name: "", type: "scim" },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (body) => {
    setFormError(null);
    try {
      onCreated(await create.mutateAsync(body));
    } catch (error) {
      setFormError(applyApiErrors(error, ["name", "type"], form.setError));
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
          description='For example "Okta (production)".'
          withAsterisk
          {...form.register("name")}
          error={errors.name?.message}
        />
        <Controller
          control={form.control}
          name="type"
          render={({ field }) => (
            <Radio.Group
              label="Type"
              value={field.value}
              onChange={field.onChange}
              error={errors.type?.message}
              withAsterisk
            >
              <Stack gap="xs" mt={6}>
                <Radio
                  value="scim"
                  label="SCIM 2.0"
                  description="Okta, Microsoft Entra ID, JumpCloud, OneLogin or any IdP that provisions by SCIM."
                />
                <Radio
                  value="built-in"
                  label="Built-in"
                  description="For small teams: you add people and groups here, by hand."
                />
              </Stack>
            </Radio.Group>
          )}
        />
        <Text size="xs" c="dimmed">
          A SCIM source gets a base URL and a bearer token for your IdP, shown once after it is added.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Add source
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
