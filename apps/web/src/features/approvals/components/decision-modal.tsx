import { Alert, Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { APPROVER_REASON_MAX, apiIssuesToFieldErrors, type TAccessRequestV4 } from "@portcullis/shared";
import { useState } from "react";
import { errorMessage } from "../../../components/states.tsx";
import { isApiError } from "../../../lib/api-client.ts";
import { type Decision, useDecide } from "../api/approvals.ts";

export const REASON_REQUIRED_MESSAGE = "Give a reason: this access flow asks approvers for one.";

/** Approve or reject one request, with a reason (required when the flow says so). */
export function DecisionModal({
  request,
  decision,
  onClose,
  onDecided,
}: {
  request: TAccessRequestV4 | null;
  decision: Decision;
  onClose: () => void;
  onDecided: (decision: Decision, request: TAccessRequestV4) => void;
}) {
  const decide = useDecide();
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const required = request?.portcullis.require_approver_reason ?? false;
  const close = () => {
    decide.reset();
    setReason("");
    setReasonError(null);
    onClose();
  };
  const submit = () => {
    if (!request) return;
    if (required && !reason.trim()) {
      setReasonError(REASON_REQUIRED_MESSAGE);
      return;
    }
    setReasonError(null);
    decide.mutate(
      { id: request.id, decision, body: { reason: reason.trim() || null } },
      {
        onSuccess: () => {
          onDecided(decision, request);
          close();
        },
        onError: (error) => {
          const byField = isApiError(error) ? apiIssuesToFieldErrors(error.issues) : {};
          if (byField.reason) setReasonError(byField.reason);
        },
      },
    );
  };
  const verb = decision === "approve" ? "Approve" : "Reject";
  const otherError = decide.error != null && !reasonError ? errorMessage(decide.error) : null;
  return (
    <Modal
      opened={request !== null}
      onClose={close}
      title={request ? `${verb} request #${request.portcullis.number}?` : verb}
      centered
    >
      <Stack gap="sm">
        {request && (
          <Text size="sm">
            {request.requestor?.source_id ?? "Someone"} asks for{" "}
            {request.portcullis.entitlements
              .map((entitlement) => `${entitlement.resource.name} (${entitlement.permission.name})`)
              .join(", ")}
            .
          </Text>
        )}
        <Textarea
          label="Reason"
          description={required ? "Required by this access flow." : "Optional; the requester sees it."}
          withAsterisk={required}
          autosize
          minRows={2}
          maxLength={APPROVER_REASON_MAX}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={reasonError}
          data-autofocus
        />
        {otherError && (
          <Alert color="red" role="alert">
            {otherError}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            // Filled green and red at the theme shade fall below 4.5:1 with white text; red.9 keeps it.
            color={decision === "approve" ? undefined : "red.9"}
            loading={decide.isPending}
            onClick={submit}
          >
            {verb}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
