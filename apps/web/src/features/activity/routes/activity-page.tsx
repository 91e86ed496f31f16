import { Alert, Button, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TActivityItem } from "@portcullis/shared";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { OffsetPager } from "../../../components/offset-pager.tsx";
import { EmptyState, ErrorState, errorMessage } from "../../../components/states.tsx";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import { type ActivityFilters as Filters, fetchActivity, useActivity } from "../api/activity.ts";
import {
  ActivityFilters,
  type FilterValues,
  TIME_RANGES,
  type TimeRange,
} from "../components/activity-filters.tsx";
import { ActivityTable } from "../components/activity-table.tsx";
import { activityCsv } from "../lib/activity-csv.ts";

const PAGE = 50;
const EXPORT_PAGE = 1000;
/** An export stops here rather than holding an unbounded list in the browser. */
const EXPORT_MAX = 50_000;

function readFilters(params: URLSearchParams): FilterValues {
  const range = params.get("range");
  return {
    integrationId: params.get("integration"),
    personId: params.get("person"),
    requestId: params.get("request"),
    range: TIME_RANGES.some((r) => r.value === range) ? (range as TimeRange) : "7d",
    writesOnly: params.get("writes") === "1",
    errorsOnly: params.get("errors") === "1",
  };
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

export function ActivityPage() {
  usePageTitle("Activity");
  const [params, setParams] = useSearchParams();
  const values = readFilters(params);
  const offset = Math.max(0, Number.parseInt(params.get("offset") ?? "0", 10) || 0);
  // The range's start is fixed when the range is chosen, so the query does not change on each render.
  const from = useMemo(() => {
    const ms = TIME_RANGES.find((r) => r.value === values.range)?.ms ?? null;
    return ms === null ? null : Date.now() - ms;
  }, [values.range]);
  const filters: Filters = {
    integrationId: values.integrationId,
    personId: values.personId,
    requestId: values.requestId,
    from,
    to: null,
    writesOnly: values.writesOnly,
    errorsOnly: values.errorsOnly,
  };
  const activity = useActivity(filters, offset, PAGE);
  const [exporting, setExporting] = useState(false);

  const change = (next: Partial<FilterValues>) => {
    const merged = { ...values, ...next };
    const search = new URLSearchParams();
    if (merged.integrationId) search.set("integration", merged.integrationId);
    if (merged.personId) search.set("person", merged.personId);
    if (merged.requestId) search.set("request", merged.requestId);
    if (merged.range !== "7d") search.set("range", merged.range);
    if (merged.writesOnly) search.set("writes", "1");
    if (merged.errorsOnly) search.set("errors", "1");
    setParams(search, { replace: true });
  };
  const setOffset = (next: number) => {
    const search = new URLSearchParams(params);
    if (next === 0) search.delete("offset");
    else search.set("offset", String(next));
    setParams(search, { replace: true });
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      const items: TActivityItem[] = [];
      for (let at = 0; at < EXPORT_MAX; at += EXPORT_PAGE) {
        const page = await fetchActivity(filters, at, EXPORT_PAGE);
        items.push(...page.data);
        if (at + EXPORT_PAGE >= page.pagination.total) break;
      }
      download(
        `activity-${new Date().toISOString().slice(0, 19).replaceAll(":", "")}.csv`,
        activityCsv(items),
      );
    } catch (error) {
      notifications.show({ color: "red", title: "The export failed", message: errorMessage(error) });
    } finally {
      setExporting(false);
    }
  };

  const total = activity.data?.pagination.total ?? 0;
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2}>Activity</Title>
          <Text c="dimmed" size="sm">
            What people did in AWS with the access they were granted, from CloudTrail, for integrations with
            Enable Audit on. Events arrive up to 15 minutes after the call.
          </Text>
        </div>
        <Button variant="default" onClick={exportCsv} loading={exporting} disabled={total === 0}>
          Export CSV
        </Button>
      </Group>
      <ActivityFilters values={values} onChange={change} />
      {values.requestId && (
        <Alert variant="light" role="note" title="One request's timeline">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm">Only the calls made with the access of this request are shown.</Text>
            <Button size="xs" variant="default" onClick={() => change({ requestId: null })}>
              Show all activity
            </Button>
          </Group>
        </Alert>
      )}
      {activity.isPending ? (
        <Skeleton h={160} radius="md" aria-label="Loading activity" />
      ) : activity.isError ? (
        <ErrorState
          title="The activity could not be loaded"
          error={activity.error}
          onRetry={() => activity.refetch()}
        />
      ) : activity.data.data.length === 0 ? (
        <EmptyState
          title="No activity"
          message="Nothing matches these filters. Activity is read only for integrations with Enable Audit on, and only for access granted through Portcullis."
        />
      ) : (
        <Stack gap="xs">
          <ActivityTable items={activity.data.data} />
          <OffsetPager
            offset={offset}
            limit={PAGE}
            shown={activity.data.data.length}
            total={total}
            onOffset={setOffset}
            label="events"
          />
        </Stack>
      )}
    </Stack>
  );
}
