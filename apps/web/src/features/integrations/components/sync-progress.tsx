import { Group, Progress, Text } from "@mantine/core";
import type { TSyncRun } from "@portcullis/shared";

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** "3 accounts · 120 resources found so far" for a running fetch. */
export function syncCountsText(sync: TSyncRun, running: boolean): string {
  const parts = [];
  if (sync.accounts_found > 0) parts.push(plural(sync.accounts_found, "account", "accounts"));
  parts.push(plural(sync.resources_found, "resource", "resources"));
  return `${parts.join(" · ")}${running ? " found so far" : " found"}`;
}

/** Live progress of a fetch: scopes done out of total, and what was found so far. */
export function SyncProgress({ sync, compact = false }: { sync: TSyncRun | null; compact?: boolean }) {
  if (!sync) {
    return (
      <Text size="xs" c="dimmed" data-testid="sync-progress">
        Waiting for the first fetch to start…
      </Text>
    );
  }
  const running = sync.state === "queued" || sync.state === "running";
  const done = sync.scopes_done + sync.scopes_failed;
  const percent = sync.scopes_total > 0 ? Math.round((done / sync.scopes_total) * 100) : 0;
  return (
    <div data-testid="sync-progress">
      {!compact && sync.scopes_total > 0 && (
        <Progress
          value={percent}
          size="sm"
          mb={4}
          animated={running}
          aria-label={`Fetch progress: ${done} of ${sync.scopes_total} scopes`}
        />
      )}
      <Group gap="xs" wrap="wrap">
        <Text size="xs" c="dimmed" aria-live="polite">
          {sync.state === "queued" ? "Queued · " : ""}
          {syncCountsText(sync, running)}
          {sync.scopes_total > 0 ? ` · ${done}/${sync.scopes_total} scopes` : ""}
        </Text>
      </Group>
    </div>
  );
}
