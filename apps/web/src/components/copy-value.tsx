import { ActionIcon, CopyButton, Group, Text, Tooltip } from "@mantine/core";

/** A long identifier (an ARN, an id) with a button that copies it, named after what it copies. */
export function CopyValue({
  value,
  label,
  dimmed = false,
}: {
  value: string;
  label: string;
  dimmed?: boolean;
}) {
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      <Text
        size={dimmed ? "xs" : "sm"}
        c={dimmed ? "dimmed" : undefined}
        ff="monospace"
        style={{ overflowWrap: "anywhere", minWidth: 0 }}
      >
        {value}
      </Text>
      <CopyButton value={value} timeout={1500}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? "Copied" : "Copy"} withArrow>
            <ActionIcon
              variant="subtle"
              color={copied ? "teal" : "gray"}
              size="sm"
              onClick={copy}
              aria-label={copied ? `Copied ${label}` : `Copy ${label}`}
            >
              <span aria-hidden="true">{copied ? "✓" : "⧉"}</span>
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
