import { formatDateTime, timeAgo } from "../lib/format.ts";

/** "3 minutes ago", with the exact date and time on hover and for assistive technology. */
export function RelativeTime({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <>{timeAgo(iso)}</>;
  const absolute = formatDateTime(iso);
  return (
    <time dateTime={iso} title={absolute}>
      {timeAgo(iso)}
    </time>
  );
}
