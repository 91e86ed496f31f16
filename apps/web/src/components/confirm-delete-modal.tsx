import { Button, Group, Modal, Text } from "@mantine/core";
import { type ReactNode, useRef } from "react";
import { errorMessage } from "./states.tsx";

/** The delete mutation the modal confirms: its progress and failure, and how to forget a failure. */
type DeleteMutation = { isPending: boolean; error: unknown; reset: () => void };

/**
 * "Delete X?" with what deleting means, Cancel (focused first) and a red confirm button. A failed
 * delete is shown here, and forgotten when the modal closes, so it never shows for the next item.
 */
export function ConfirmDeleteModal({
  opened,
  title,
  confirmLabel,
  mutation,
  onConfirm,
  onClose,
  children,
}: {
  opened: boolean;
  title: string;
  confirmLabel: string;
  mutation: DeleteMutation;
  onConfirm: () => void;
  onClose: () => void;
  /** What deleting does, in a sentence or two. */
  children: ReactNode;
}) {
  // Callers clear the title with the item when they close; the modal still shows (fading out)
  // for a moment after, and a dialog without a name is an accessibility fault, so keep the last one.
  const lastTitle = useRef(title);
  if (title) lastTitle.current = title;
  const close = () => {
    onClose();
    mutation.reset();
  };
  return (
    <Modal opened={opened} onClose={close} title={lastTitle.current} centered>
      <Text size="sm">{children}</Text>
      {mutation.error != null && (
        <Text size="sm" c="red" mt="sm" role="alert">
          {errorMessage(mutation.error)}
        </Text>
      )}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={close} data-autofocus>
          Cancel
        </Button>
        <Button color="red.9" onClick={onConfirm} loading={mutation.isPending}>
          {confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
