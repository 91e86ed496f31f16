import type { AwsClients, AwsIdentity } from "../aws/aws-clients.ts";
import type { PageSizes } from "../discovery-config.ts";

/** One resource as discovery found it, before owners are worked out. */
export type DiscoveredResource = {
  type: string;
  /** Stable id in AWS: the ARN where there is one. */
  externalId: string;
  name: string;
  accountId: string | null;
  region: string | null;
  tags: Record<string, string>;
  metadata: Record<string, unknown>;
};

/** What a discoverer needs: whom to call AWS as, where, and when to stop. */
export type DiscoverContext = {
  aws: AwsClients;
  identity: AwsIdentity;
  /** The account read, for ARNs and for the resources' account. */
  accountId: string;
  /** Region of the calls (and of the resources, for regional types). */
  region: string;
  /** The resource type id the resources are stored as. */
  type: string;
  pageSizes: PageSizes;
  /** Per-resource calls (tags, descriptions) in flight at once. */
  detailConcurrency: number;
  signal: AbortSignal;
};

/** Yields one array per page listed, so memory stays bounded whatever the size. */
export type Discoverer = (context: DiscoverContext) => AsyncIterable<DiscoveredResource[]>;

/** `[{ Key, Value }]` as most AWS APIs return tags, as a plain map. */
export function tagMap(
  tags: ReadonlyArray<{ Key?: string; Value?: string }> | undefined,
): Record<string, string> {
  const map: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.Key !== undefined) map[tag.Key] = tag.Value ?? "";
  return map;
}

export function iso(date: Date | undefined): string | null {
  return date ? date.toISOString() : null;
}

/** Maps with at most `limit` calls in flight, keeping the order of `items`. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}

/**
 * Iterates `pages` one page ahead: the next page is being fetched while the caller works on
 * this one (writing it), so a long paged listing costs about max(fetch, write) per page rather
 * than their sum. At most two pages are held. When the caller stops early (an error), the
 * listing is closed and the page in flight is let go.
 */
export async function* prefetched<T>(pages: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = pages[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const result = await next;
      if (result.done) return;
      next = iterator.next();
      // Awaited on the next turn; until then a failure must not count as unhandled.
      next.catch(() => {});
      yield result.value;
    }
  } finally {
    // Stopped early (an error downstream): close the listing once its page in flight settles,
    // without holding up the error. After the last page this closes a finished iterator.
    void next.then(
      () => iterator.return?.(),
      () => {},
    );
  }
}
