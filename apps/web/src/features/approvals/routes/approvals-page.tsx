import { Button, SegmentedControl, Skeleton, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { ACCESS_STATUSES, type TAccessRequestV4, type TAccessStatus } from "@portcullis/shared";
import { useState } from "react";
import { LoadMoreButton } from "../../../components/load-more-button.tsx";
import { EmptyState, ErrorState } from "../../../components/states.tsx";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import { RequestCard } from "../../access-requests/index.ts";
import { type Decision, useApprovals } from "../api/approvals.ts";
import { DecisionModal } from "../components/decision-modal.tsx";

const PENDING: readonly TAccessStatus[] = ["PENDING"];

/** Approvers: the requests waiting for their decision, and those they have seen before. */
export function ApprovalsPage() {
  usePageTitle("Approvals");
  const [view, setView] = useState<"pending" | "all">("pending");
  // The API lists PENDING ones unless asked for more: "All" names every status.
  const approvals = useApprovals(view === "pending" ? PENDING : ACCESS_STATUSES);
  const [deciding, setDeciding] = useState<{ request: TAccessRequestV4; decision: Decision } | null>(null);
  const items = approvals.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack maw={960} mx="auto" w="100%">
      <div>
        <Title order={2}>Approvals</Title>
        <Text c="dimmed" size="sm">
          Access requests you may approve or reject.
        </Text>
      </div>
      <SegmentedControl
        aria-label="Which requests"
        value={view}
        onChange={(value) => setView(value === "all" ? "all" : "pending")}
        data={[
          { value: "pending", label: "Waiting for a decision" },
          { value: "all", label: "All" },
        ]}
        maw={420}
      />
      {approvals.isPending ? (
        <Skeleton h={160} radius="md" aria-label="Loading approvals" />
      ) : approvals.isError ? (
        <ErrorState
          title="The approvals could not be loaded"
          error={approvals.error}
          onRetry={() => approvals.refetch()}
        />
      ) : items.length === 0 ? (
        <EmptyState
          title={view === "pending" ? "Nothing waits for you" : "No requests yet"}
          message="Requests you may decide show here as soon as they are made."
        />
      ) : (
        <>
          <Stack
            component="ul"
            gap="md"
            p={0}
            m={0}
            style={{ listStyle: "none" }}
            aria-label="Requests to decide"
          >
            {items.map((request) => (
              <RequestCard
                key={request.id}
                request={request}
                showRequester
                actions={
                  request.portcullis.can_decide ? (
                    <>
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        onClick={() => setDeciding({ request, decision: "reject" })}
                        aria-label={`Reject request #${request.portcullis.number}`}
                      >
                        Reject
                      </Button>
                      <Button
                        size="xs"
                        onClick={() => setDeciding({ request, decision: "approve" })}
                        aria-label={`Approve request #${request.portcullis.number}`}
                      >
                        Approve
                      </Button>
                    </>
                  ) : null
                }
              />
            ))}
          </Stack>
          <LoadMoreButton query={approvals} />
        </>
      )}
      <DecisionModal
        request={deciding?.request ?? null}
        decision={deciding?.decision ?? "approve"}
        onClose={() => setDeciding(null)}
        onDecided={(decision, request) =>
          notifications.show({
            color: decision === "approve" ? "green" : "gray",
            title: decision === "approve" ? "Request approved" : "Request rejected",
            message: `Request #${request.portcullis.number} was ${decision === "approve" ? "approved" : "rejected"}.`,
          })
        }
      />
    </Stack>
  );
}
