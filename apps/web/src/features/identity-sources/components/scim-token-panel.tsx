import { Alert, Button, List, Stack, Tabs, Text, Title } from "@mantine/core";
import { CodeBlock } from "../../../components/code-block.tsx";

/**
 * A SCIM source's base URL and bearer token, right after it was created or its token rotated.
 * The token is in this one answer only (the server keeps its hash), so the panel says so plainly
 * and is the only place the UI ever holds it.
 */
export function ScimTokenPanel({
  sourceName,
  baseUrl,
  token,
  rotated = false,
  onDone,
}: {
  sourceName: string;
  baseUrl: string;
  token: string;
  /** A rotation: the previous token has stopped working. */
  rotated?: boolean;
  onDone: () => void;
}) {
  return (
    <Stack gap="md" data-testid="scim-token-panel">
      <Alert color="yellow" title="Store the token now" role="alert">
        This is the only time Portcullis shows this token; it is not shown again. Copy it into your identity
        provider (or a password manager) before closing this panel.
        {rotated && " The previous token has stopped working: give your identity provider this one."}
      </Alert>
      <div>
        <Text size="sm" fw={500} mb={4}>
          SCIM base URL
        </Text>
        <CodeBlock code={baseUrl} label="SCIM base URL" maxHeight={80} />
      </div>
      <div>
        <Text size="sm" fw={500} mb={4}>
          Bearer token
        </Text>
        <CodeBlock code={token} label="SCIM token" maxHeight={80} />
      </div>
      <SetupNotes sourceName={sourceName} />
      <Button onClick={onDone} style={{ alignSelf: "flex-end" }}>
        I have stored the token
      </Button>
    </Stack>
  );
}

function SetupNotes({ sourceName }: { sourceName: string }) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Set up provisioning for {sourceName}
      </Title>
      <Tabs defaultValue="okta">
        <Tabs.List>
          <Tabs.Tab value="okta">Okta</Tabs.Tab>
          <Tabs.Tab value="entra">Microsoft Entra ID</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="okta" pt="xs">
          <List size="sm" type="ordered" spacing={4}>
            <List.Item>
              In your SCIM app integration, open <b>Provisioning → Integration</b> and choose <b>Edit</b>.
            </List.Item>
            <List.Item>
              <b>SCIM connector base URL</b>: paste the SCIM base URL.{" "}
              <b>Unique identifier field for users</b>: <code>userName</code>.
            </List.Item>
            <List.Item>
              <b>Supported provisioning actions</b>: Push New Users, Push Profile Updates, Push Groups.
            </List.Item>
            <List.Item>
              <b>Authentication Mode</b>: HTTP Header; <b>Authorization</b>: paste the token (Okta adds
              &quot;Bearer&quot;). Test the connector, save, then enable To App.
            </List.Item>
          </List>
        </Tabs.Panel>
        <Tabs.Panel value="entra" pt="xs">
          <List size="sm" type="ordered" spacing={4}>
            <List.Item>
              In your enterprise application, open <b>Provisioning</b> and set <b>Provisioning Mode</b> to
              Automatic.
            </List.Item>
            <List.Item>
              <b>Tenant URL</b>: paste the SCIM base URL. <b>Secret Token</b>: paste the token.
            </List.Item>
            <List.Item>
              Choose <b>Test Connection</b>, save, assign users and groups, then turn{" "}
              <b>Provisioning Status</b> on.
            </List.Item>
          </List>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
