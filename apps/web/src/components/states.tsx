import { Button, Center, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { isApiError } from "../lib/api-client.ts";

/** A sentence for the person, from whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Try again.";
}

export function LoadingState({ label, minHeight = 160 }: { label: string; minHeight?: number }) {
  return (
    <Center mih={minHeight} role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" aria-hidden />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

export function EmptyState({
  title,
  message,
  action,
}: {
  title: string;
  message?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack align="center" gap="xs" ta="center">
        <Title order={3} size="h4">
          {title}
        </Title>
        {message && (
          <Text c="dimmed" size="sm" maw={520}>
            {message}
          </Text>
        )}
        {action && <Group mt="sm">{action}</Group>}
      </Stack>
    </Paper>
  );
}

export function ErrorState({
  title = "This could not be loaded",
  error,
  message,
  onRetry,
  action,
}: {
  title?: string;
  error?: unknown;
  message?: ReactNode;
  onRetry?: () => void;
  action?: ReactNode;
}) {
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <Paper withBorder p="xl" radius="md" role="alert" maw={640} w="100%">
      <Stack align="center" gap="xs" ta="center">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Text size="sm">{message ?? errorMessage(error)}</Text>
        {requestId && (
          <Text size="xs" c="dimmed">
            Request id: {requestId}
          </Text>
        )}
        {(onRetry || action) && (
          <Group mt="sm">
            {onRetry && (
              <Button variant="default" onClick={onRetry}>
                Try again
              </Button>
            )}
            {action}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
