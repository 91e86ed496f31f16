import { Button, Group, Text } from "@mantine/core";
import { useState } from "react";

/**
 * Where a reader is in a keyset-paginated list (`page_token`): the tokens of the pages walked
 * through, so Previous can go back. A new `filterKey` (the search, the type filter) starts again
 * from the first page in the same render, so no request ever pairs a new filter with an old token.
 */
export function useKeysetPages(filterKey: string) {
  const [walked, setWalked] = useState<{ filterKey: string; tokens: Array<string | null> }>({
    filterKey,
    tokens: [null],
  });
  const tokens = walked.filterKey === filterKey ? walked.tokens : [null];
  return {
    pageToken: tokens[tokens.length - 1] ?? null,
    /** 0 for the first page. */
    pageIndex: tokens.length - 1,
    previous: () => setWalked({ filterKey, tokens: tokens.slice(0, -1) }),
    next: (token: string) => setWalked({ filterKey, tokens: [...tokens, token] }),
  };
}

/** "21–40 of 312" with Previous and Next, under a page of a keyset-paginated list. */
export function KeysetPager({
  pages,
  pageSize,
  shown,
  pagination,
  compact = false,
}: {
  pages: ReturnType<typeof useKeysetPages>;
  pageSize: number;
  /** Items on this page. */
  shown: number;
  pagination: { total: number; next_page_token: string | null };
  compact?: boolean;
}) {
  const first = pages.pageIndex * pageSize;
  const nextToken = pagination.next_page_token;
  const buttonSize = compact ? "compact-xs" : "xs";
  return (
    <Group justify="space-between" wrap="wrap">
      <Text size={compact ? "xs" : "sm"} c="dimmed" aria-live="polite">
        {first + 1}–{first + shown} of {pagination.total}
      </Text>
      <Group gap="xs">
        <Button variant="default" size={buttonSize} disabled={pages.pageIndex === 0} onClick={pages.previous}>
          Previous
        </Button>
        <Button
          variant="default"
          size={buttonSize}
          disabled={!nextToken}
          onClick={() => nextToken && pages.next(nextToken)}
        >
          Next
        </Button>
      </Group>
    </Group>
  );
}
