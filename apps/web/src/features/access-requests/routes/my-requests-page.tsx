import { Button, Modal, Skeleton, Stack, Text, Textarea, Title, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { isFinalAccessStatus, JUSTIFICATION_MAX, type TAccessRequestV4 } from "@portcullis/shared";
import { useState } from "react";
import { Link } from "react-router";
import { LoadMoreButton } from "../../../components/load-more-button.tsx";
import { EmptyState, ErrorState, errorMessage } from "../../../components/states.tsx";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import { useMe } from "../../auth/index.ts";
import { useMyRequests, useRequestAgain, useRevokeAccessRequest } from "../api/access-requests.ts";
import { accessStatusWord } from "../components/access-status-badge.tsx";
import { RequestCard } from "../components/request-card.tsx";

function RequestAgainModal({ request, onClose }: { request: TAccessRequestV4 | null; onClose: () => void }) {
  const again = useRequestAgain();
  const [justification, setJustification] = useState("");
  const close = () => {
    again.reset();
    setJustification("");
    onClose();
  };
  return (
    <Modal
      opened={request !== null}
      onClose={close}
      title={request ? `Request #${request.portcullis.number} again` : "Request again"}
      centered
    >
      <Stack gap="sm">
        <Text size="sm">The same resources and permissions, through the same access flow.</Text>
        <Textarea
          label="Justification"
          autosize
          minRows={2}
          maxLength={JUSTIFICATION_MAX}
          value={justification}
          onChange={(event) => setJustification(event.currentTarget.value)}
          error={again.error ? errorMessage(again.error) : undefined}
          data-autofocus
        />
        <Button
          loading={again.isPending}
          onClick={() =>
            request &&
            again.mutate(
              { id: request.id, body: { justification: justification.trim() || null, custom_fields: {} } },
              {
                onSuccess: () => {
                  notifications.show({
                    color: "green",
                    title: "Access requested",
                    message: "The request was made again.",
                  });
                  close();
                },
              },
            )
          }
        >
          Request again
        </Button>
      </Stack>
    </Modal>
  );
}

/** The signed-in person's requests, with live statuses while any is on its way. */
export function MyRequestsPage() {
  usePageTitle("My requests");
  const me = useMe();
  const requests = useMyRequests(me.data?.id ?? "");
  const revoke = useRevokeAccessRequest();
  const [again, setAgain] = useState<TAccessRequestV4 | null>(null);
  const items = requests.data?.pages.flatMap((page) => page.items) ?? [];
  // Screen readers hear status changes of the newest requests, not the whole list again.
  const announcement = items
    .slice(0, 5)
    .map((item) => `Request #${item.portcullis.number}: ${accessStatusWord(item.status)}`)
    .join(". ");

  return (
    <Stack maw={960} mx="auto" w="100%">
      <div>
        <Title order={2}>My requests</Title>
        <Text c="dimmed" size="sm">
          Your access requests and where each one is; this page follows them as they change.
        </Text>
      </div>
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
      {requests.isPending ? (
        <Skeleton h={160} radius="md" aria-label="Loading your requests" />
      ) : requests.isError ? (
        <ErrorState
          title="Your requests could not be loaded"
          error={requests.error}
          onRetry={() => requests.refetch()}
        />
      ) : items.length === 0 ? (
        <EmptyState
          title="No requests yet"
          message="Ask for access to a resource; the request and its approval show here."
          action={
            <Button component={Link} to="/portal/request">
              Request access
            </Button>
          }
        />
      ) : (
        <>
          {revoke.error != null && (
            <Text c="red" size="sm" role="alert">
              {errorMessage(revoke.error)}
            </Text>
          )}
          <Stack component="ul" gap="md" p={0} m={0} style={{ listStyle: "none" }} aria-label="Your requests">
            {items.map((request) => {
              const final = isFinalAccessStatus(request.status);
              const revoking = revoke.isPending && revoke.variables === request.id;
              return (
                <RequestCard
                  key={request.id}
                  request={request}
                  actions={
                    final ? (
                      <Button size="xs" variant="default" onClick={() => setAgain(request)}>
                        Request again
                      </Button>
                    ) : request.status === "REVOKING" ? null : (
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        loading={revoking}
                        onClick={() => revoke.mutate(request.id)}
                        aria-label={`${request.status === "PENDING" ? "Cancel" : "Revoke"} request #${request.portcullis.number}`}
                      >
                        {request.status === "PENDING" ? "Cancel request" : "Revoke access"}
                      </Button>
                    )
                  }
                />
              );
            })}
          </Stack>
          <LoadMoreButton query={requests} />
        </>
      )}
      <RequestAgainModal request={again} onClose={() => setAgain(null)} />
    </Stack>
  );
}
