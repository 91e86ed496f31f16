import { Alert, Anchor, Badge, Button, Group, List, Stack, Text } from "@mantine/core";
import {
  FIELD_HELP,
  type TCreateIntegration,
  type TIntegrationCheck,
  type TIntegrationType,
  ZCreateIntegrationFor,
} from "@portcullis/shared";
import { useFormContext } from "react-hook-form";
import { errorMessage } from "../../../../components/states.tsx";
import { useIntegrationCheck } from "../../api/integration-check.ts";
import type { WizardValues } from "./wizard-values.ts";

const COLORS: Record<TIntegrationCheck["status"], string> = {
  passed: "green",
  failed: "red",
  warning: "yellow",
  skipped: "gray",
};

function fieldLabel(path: string): string {
  return FIELD_HELP[path]?.label ?? path;
}

/**
 * The Test button: runs the named live checks of what is entered so far (nothing is created)
 * and lists them; a failed one links to its field. Shown in the settings step and on Confirm.
 */
export function SetupChecks({
  type,
  onFixField,
}: {
  type: TIntegrationType;
  /** Opens the step of a field and focuses it. */
  onFixField: (path: string) => void;
}) {
  const form = useFormContext<WizardValues>();
  const check = useIntegrationCheck();

  const run = () => {
    const parsed = ZCreateIntegrationFor[type].safeParse({ ...form.getValues(), type });
    if (!parsed.success) {
      void form.trigger();
      return;
    }
    check.mutate(parsed.data as TCreateIntegration);
  };

  const checks = check.data?.checks ?? [];
  const failed = checks.filter((item) => item.status === "failed").length;
  return (
    <Stack gap="xs" data-testid="setup-checks">
      <Group gap="sm">
        <Button variant="light" onClick={run} loading={check.isPending}>
          Test
        </Button>
        <Text size="xs" c="dimmed">
          Checks the settings against AWS now, before anything is created.
        </Text>
      </Group>
      {check.isError && (
        <Alert color="red" title="The checks could not run">
          {errorMessage(check.error)}
        </Alert>
      )}
      {check.data && (
        <div aria-live="polite">
          <Text size="sm" fw={600} mb={4}>
            {failed === 0
              ? `All ${checks.length} checks passed or have only warnings.`
              : `${failed} of ${checks.length} checks failed.`}
          </Text>
          <List spacing={6} listStyleType="none" p={0} m={0} aria-label="Setup checks">
            {checks.map((item) => (
              <List.Item key={item.name} data-testid="setup-check" data-status={item.status}>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Badge color={COLORS[item.status]} variant="light" miw={72}>
                    {item.status}
                  </Badge>
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600}>
                      {item.name}
                    </Text>
                    <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                      {item.message}
                    </Text>
                    {item.fix && item.status !== "passed" && (
                      <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                        {item.fix}
                      </Text>
                    )}
                    {item.field && item.status !== "passed" && item.status !== "skipped" && (
                      <Anchor
                        component="button"
                        type="button"
                        size="xs"
                        onClick={() => onFixField(item.field!)}
                      >
                        Fix {fieldLabel(item.field)}
                      </Anchor>
                    )}
                  </div>
                </Group>
              </List.Item>
            ))}
          </List>
        </div>
      )}
    </Stack>
  );
}
