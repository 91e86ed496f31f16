/** Where a page ended: the (created_at, id) of its last row, the keyset the next page seeks past. */
export type PageCursor = { createdAt: Date; id: string };

/** Plenty for the IdPs paging at once; the oldest goes first beyond it. */
const MAX_CURSORS = 1_000;
/** A listing's next page comes within milliseconds; an older cursor may have drifted from its offset. */
const MAX_AGE_MS = 120_000;

/**
 * SCIM pages by `startIndex` (an offset), and an offset costs PostgreSQL a row per row skipped: the
 * 500th page of 100 read 49,900 index entries before its own. IdPs page in order, though, so the
 * page that starts at N usually follows one that ended at N − 1: this remembers where each page of
 * a listing (a source and a filter) ended, by the offset that comes next, and that next page seeks
 * past it in the index instead (keyset). A page with no cursor (the first, a jump, another API
 * process, one older than two minutes) falls back to the offset. Between pages, a person created joins at the end (creation
 * order) as with the offset; a person deleted before the cursor no longer shifts the next page
 * back by one (with the offset, someone would be skipped) — RFC 7644 §3.4.2.4 leaves consistency
 * between pages to the provider.
 */
export function pageCursors() {
  const cursors = new Map<string, PageCursor & { at: number }>();
  const key = (listing: string, offset: number) => `${listing}\u0000${offset}`;
  return {
    at(listing: string, offset: number): PageCursor | undefined {
      const cursor = cursors.get(key(listing, offset));
      return cursor && Date.now() - cursor.at <= MAX_AGE_MS ? cursor : undefined;
    },
    /** The page of `listing` that ends just before `offset` ended at `cursor`. */
    remember(listing: string, offset: number, cursor: PageCursor): void {
      const k = key(listing, offset);
      cursors.delete(k);
      cursors.set(k, { ...cursor, at: Date.now() });
      if (cursors.size > MAX_CURSORS) cursors.delete(cursors.keys().next().value as string);
    },
  };
}
