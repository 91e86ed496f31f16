import { Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "react-router";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import { RequestAccessForm } from "../components/request-access-form.tsx";

export function RequestAccessPage() {
  usePageTitle("Request access");
  const navigate = useNavigate();
  return (
    <Stack maw={760} mx="auto" w="100%">
      <div>
        <Title order={2}>Request access</Title>
        <Text c="dimmed" size="sm">
          Pick what you need, for how long and why. Your approvers are asked; you can follow the request in My
          requests.
        </Text>
      </div>
      <RequestAccessForm
        onRequested={(created) => {
          const numbers = created.map((request) => `#${request.portcullis.number}`).join(", ");
          notifications.show({
            color: "green",
            title: "Access requested",
            message: created.length === 1 ? `Request ${numbers} was made.` : `Requests ${numbers} were made.`,
          });
          navigate("/portal/requests");
        }}
      />
    </Stack>
  );
}
