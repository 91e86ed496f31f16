import { Button, Group, Text } from "@mantine/core";

/** "26–50 of 312" with Previous and Next, for offset-paged lists (a source's people and groups, activity). */
export function OffsetPager({
  offset,
  limit,
  shown,
  total,
  onOffset,
  label,
}: {
  offset: number;
  limit: number;
  shown: number;
  total: number;
  onOffset: (offset: number) => void;
  /** What is paged ("people"), for the buttons' accessible names. */
  label: string;
}) {
  if (total <= limit && offset === 0) return null;
  return (
    <Group justify="space-between" wrap="wrap" px="sm" pb="sm">
      <Text size="sm" c="dimmed" aria-live="polite">
        {shown === 0 ? 0 : offset + 1}–{offset + shown} of {total.toLocaleString()}
      </Text>
      <Group gap="xs">
        <Button
          variant="default"
          size="xs"
          disabled={offset === 0}
          onClick={() => onOffset(Math.max(0, offset - limit))}
          aria-label={`Previous ${label}`}
        >
          Previous
        </Button>
        <Button
          variant="default"
          size="xs"
          disabled={offset + limit >= total}
          onClick={() => onOffset(offset + limit)}
          aria-label={`Next ${label}`}
        >
          Next
        </Button>
      </Group>
    </Group>
  );
}
