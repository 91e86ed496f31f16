import { Alert, Button, Group, Modal, Skeleton, Stack, Text } from "@mantine/core";
import {
  CUSTOM_ACCESS_DETAILS_TITLE,
  type TAccessSessionDetailsV1,
  type TAccessSessionV1,
} from "@portcullis/shared";
import { useState } from "react";
import { AccessDetailsMessage } from "../../../components/access-details-message.tsx";
import { CodeBlock } from "../../../components/code-block.tsx";
import { CopyValue } from "../../../components/copy-value.tsx";
import { ErrorState, errorMessage } from "../../../components/states.tsx";
import { safeHttpsHref } from "../../../lib/linkify.ts";
import { useResetCredentials, useSessionDetails } from "../api/access-requests.ts";

/** How parameters read (an access key's parts); unknown ones keep their name. */
const PARAMETER_LABELS: Record<string, string> = {
  access_key_id: "Access key ID",
  secret_access_key: "Secret access key",
  user_name: "IAM user name",
  user_arn: "IAM user ARN",
};

function OneTimeParameters({ parameters }: { parameters: Record<string, string> }) {
  return (
    <Alert color="orange" variant="light" title="Shown only this once" role="note" data-testid="one-time-key">
      <Text size="sm" mb="xs">
        Copy your access key now and keep it somewhere safe: Portcullis does not show it again. If you lose
        it, reset your credentials to get a new one.
      </Text>
      <KeyParameters parameters={parameters} />
    </Alert>
  );
}

/** The parts of an access key that stay visible (its id, the IAM user): no secret, no warning. */
function KeyParameters({ parameters }: { parameters: Record<string, string> }) {
  return (
    <Stack gap={6} data-testid="key-parameters">
      {Object.entries(parameters).map(([name, value]) => (
        <div key={name}>
          <Text size="xs" fw={600}>
            {PARAMETER_LABELS[name] ?? name}
          </Text>
          <CopyValue value={value} label={PARAMETER_LABELS[name] ?? name} />
        </div>
      ))}
    </Stack>
  );
}

function Details({ details }: { details: TAccessSessionDetailsV1 }) {
  const href = details.link ? safeHttpsHref(details.link.url) : null;
  return (
    <Stack gap="sm">
      {details.instructions && (
        <Text
          size="sm"
          style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
          data-testid="access-instructions"
        >
          {details.instructions}
        </Text>
      )}
      {details.custom_admin_message && (
        <AccessDetailsMessage title={CUSTOM_ACCESS_DETAILS_TITLE} text={details.custom_admin_message} />
      )}
      {details.link &&
        (href ? (
          <div>
            <Button
              component="a"
              href={href}
              target="_blank"
              rel="noopener noreferrer"
              variant="light"
              size="sm"
            >
              {details.link.title ?? "Sign in to the AWS console"}
            </Button>
            <Text size="xs" c="dimmed" mt={4} style={{ overflowWrap: "anywhere" }}>
              {details.link.url}
            </Text>
          </div>
        ) : (
          <Text size="sm" c="dimmed">
            The sign-in link is not a valid https address; ask your admin.
          </Text>
        ))}
      {details.parameters &&
        // The secret comes in the first answer only; later answers carry the key id and user name.
        ("secret_access_key" in details.parameters ? (
          <OneTimeParameters parameters={details.parameters} />
        ) : (
          <KeyParameters parameters={details.parameters} />
        ))}
      {details.cli && (
        <div>
          <Text size="sm" fw={600} mb={4}>
            AWS CLI
          </Text>
          <Text size="xs" c="dimmed" mb={4}>
            Add this to your AWS CLI configuration (~/.aws/config, and ~/.aws/credentials for an access key).
          </Text>
          <CodeBlock code={details.cli} label="AWS CLI profile" maxHeight={220} />
        </div>
      )}
    </Stack>
  );
}

function ResetCredentials({ session }: { session: TAccessSessionV1 }) {
  const reset = useResetCredentials();
  const [confirming, setConfirming] = useState(false);
  const close = () => {
    setConfirming(false);
    reset.reset();
  };
  return (
    <>
      <Button
        size="xs"
        variant="default"
        onClick={() => setConfirming(true)}
        loading={session.credentials_status === "RESETTING"}
      >
        Reset credentials
      </Button>
      <Modal opened={confirming} onClose={close} title="Reset your credentials?" centered>
        <Text size="sm">
          Your current access key stops working at once, and a new one is shown to you once. Do this when the
          key may have leaked or is lost.
        </Text>
        {reset.error != null && (
          <Text size="sm" c="red" mt="sm" role="alert">
            {errorMessage(reset.error)}
          </Text>
        )}
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button
            color="red.9"
            loading={reset.isPending}
            onClick={() => reset.mutate(session.id, { onSuccess: () => setConfirming(false) })}
          >
            Reset credentials
          </Button>
        </Group>
      </Modal>
    </>
  );
}

/** A session's access details, read when asked for (a new access key is in that one answer). */
export function SessionDetails({ session }: { session: TAccessSessionV1 }) {
  const [open, setOpen] = useState(false);
  const details = useSessionDetails(session.id, open);
  return (
    <Stack gap="sm">
      {session.credentials_status === "AVAILABLE" && !open && (
        <Alert color="orange" variant="light" role="note">
          A new access key is ready for you. It is shown only once: open the access details when you can copy
          it.
        </Alert>
      )}
      <Group gap="xs">
        {!open && (
          <Button size="xs" onClick={() => setOpen(true)}>
            Show access details
          </Button>
        )}
        {session.can_reset_credentials && <ResetCredentials session={session} />}
      </Group>
      {session.credentials_status === "NOT_APPLICABLE" && (
        // The API's words when a reset is asked for such a session (CREDENTIALS_NOT_RESETTABLE).
        <Text size="xs" c="dimmed">
          This access has no credentials of its own to rotate or reset: Identity Center access is used through
          the sign-in link.
        </Text>
      )}
      {open &&
        (details.isPending ? (
          <Skeleton h={120} aria-label="Loading the access details" />
        ) : details.isError ? (
          <ErrorState
            title="The access details could not be loaded"
            error={details.error}
            onRetry={() => details.refetch()}
          />
        ) : (
          <Details details={details.data} />
        ))}
    </Stack>
  );
}
