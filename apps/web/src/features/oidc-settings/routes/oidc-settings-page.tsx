import { zodResolver } from "@hookform/resolvers/zod";
import {
  Alert,
  Button,
  Group,
  Paper,
  PasswordInput,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  apiIssuesToFieldErrors,
  type TOidcSettings,
  type TOidcSettingsInput,
  ZOidcSettingsInput,
} from "@portcullis/shared";
import { useState } from "react";
import { Controller, type Path, useForm } from "react-hook-form";
import type { z } from "zod";
import { CodeBlock } from "../../../components/code-block.tsx";
import { ConfirmDeleteModal } from "../../../components/confirm-delete-modal.tsx";
import { ErrorState, errorMessage } from "../../../components/states.tsx";
import { isApiError } from "../../../lib/api-client.ts";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import {
  useDeleteOidcSettings,
  useOidcSettings,
  useSaveOidcSettings,
  useSourceChoices,
} from "../api/oidc-settings.ts";

type Output = z.output<typeof ZOidcSettingsInput>;
const FIELDS = ["issuer", "client_id", "client_secret", "display_name", "admin_group", "source_id"] as const;
const ALL_SOURCES = "";

function OidcSettingsForm({ saved }: { saved: TOidcSettings | null }) {
  const save = useSaveOidcSettings();
  const sources = useSourceChoices();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TOidcSettingsInput, unknown, Output>({
    resolver: zodResolver(ZOidcSettingsInput),
    defaultValues: {
      issuer: saved?.issuer ?? "",
      client_id: saved?.client_id ?? "",
      client_secret: undefined,
      display_name: saved?.display_name ?? "",
      admin_group: saved?.admin_group ?? "",
      source_id: saved?.source_id ?? null,
    },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (body) => {
    setFormError(null);
    try {
      await save.mutateAsync(body);
      notifications.show({
        color: "green",
        title: "OIDC sign-in saved",
        message: "The sign-in page now offers it.",
      });
      form.resetField("client_secret", { defaultValue: undefined });
    } catch (error) {
      const byField = isApiError(error) ? apiIssuesToFieldErrors(error.issues) : {};
      const fields = Object.keys(byField).filter((key) => (FIELDS as readonly string[]).includes(key));
      for (const key of fields) form.setError(key as Path<TOidcSettingsInput>, { message: byField[key] });
      if (fields.length === 0) setFormError(errorMessage(error));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="OIDC provider">
      <Stack gap="sm">
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <TextInput
          label="Issuer URL"
          description="As the IdP names itself, e.g. https://example.okta.com. Its discovery document is checked when you save."
          withAsterisk
          {...form.register("issuer")}
          error={errors.issuer?.message}
        />
        <TextInput
          label="Client ID"
          withAsterisk
          {...form.register("client_id")}
          error={errors.client_id?.message}
        />
        <PasswordInput
          label="Client secret"
          description={
            saved
              ? "A secret is stored (encrypted). Leave empty to keep it."
              : "Stored encrypted, never shown again."
          }
          withAsterisk={!saved}
          autoComplete="off"
          {...form.register("client_secret", { setValueAs: (value) => (value ? value : undefined) })}
          error={errors.client_secret?.message}
        />
        <TextInput
          label="Display name"
          description='The sign-in button reads "Sign in with <display name>".'
          withAsterisk
          {...form.register("display_name")}
          error={errors.display_name?.message}
        />
        <TextInput
          label="Admin group"
          description="Members of this group (the ID token's groups claim) are admins; the others are users. Empty: no mapping."
          {...form.register("admin_group")}
          error={errors.admin_group?.message}
        />
        <Controller
          control={form.control}
          name="source_id"
          render={({ field }) => (
            <Select
              label="Match people in"
              description="Who may sign in: active people of this identity source with the IdP's verified email."
              data={[
                { value: ALL_SOURCES, label: "All identity sources" },
                ...(sources.data ?? []).map((source) => ({ value: source.id, label: source.name })),
              ]}
              value={field.value ?? ALL_SOURCES}
              onChange={(value) => field.onChange(value ? value : null)}
              allowDeselect={false}
              error={errors.source_id?.message}
            />
          )}
        />
        <Group>
          <Button type="submit" loading={isSubmitting}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function OidcSettingsPage() {
  usePageTitle("Sign-in");
  const settings = useOidcSettings();
  const remove = useDeleteOidcSettings();
  const [confirming, setConfirming] = useState(false);
  const redirectUri = settings.data?.redirect_uri ?? `${window.location.origin}/api/auth/oidc/callback`;

  return (
    <Stack gap="md" maw={720}>
      <div>
        <Title order={1} size="h2">
          Sign in with your IdP
        </Title>
        <Text c="dimmed" size="sm">
          People of your directory sign in through your identity provider (OpenID Connect, code flow with
          PKCE). On first sign-in they get a user account linked to their directory person. Local passwords
          keep working for break-glass admins.
        </Text>
      </div>
      <Paper withBorder p="md" radius="md">
        <Stack gap={4}>
          <Text fw={500} size="sm">
            Redirect URI to register at your IdP
          </Text>
          <CodeBlock code={redirectUri} label="Redirect URI" />
        </Stack>
      </Paper>
      {settings.isPending ? (
        <Skeleton height={360} />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => settings.refetch()} />
      ) : (
        <Paper withBorder p="md" radius="md">
          <OidcSettingsForm key={settings.data?.updated_at ?? "new"} saved={settings.data} />
          {settings.data && (
            <Group mt="md">
              <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
                Turn off OIDC sign-in
              </Button>
            </Group>
          )}
        </Paper>
      )}
      <ConfirmDeleteModal
        opened={confirming}
        title="Turn off OIDC sign-in?"
        confirmLabel="Turn off"
        mutation={remove}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        onClose={() => setConfirming(false)}
      >
        The sign-in page stops offering it. Accounts and their links to directory people stay.
      </ConfirmDeleteModal>
    </Stack>
  );
}
