// Custom access details are plain text written by an admin and read by end users. They are
// never rendered as HTML: the text is split into text pieces and https links, and React
// renders both as text nodes / anchors, so markup such as `<img onerror=…>` stays inert text.

export type TextSegment = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

// A run of non-space characters starting with https:// (case-insensitive). Other schemes
// (http:, javascript:, data:) are not links.
const URL_PATTERN = /https:\/\/[^\s<>"'`]+/gi;
// Punctuation that usually ends the sentence, not the URL.
const TRAILING = /[.,;:!?)\]}'"’”]+$/;

/** The href of an https URL with a real host, or null. */
export function safeHttpsHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    if (url.protocol !== "https:" || !url.hostname || url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** Splits text into plain pieces and https links, in order; joining `text` gives the input back. */
export function linkify(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  const pushText = (value: string) => {
    if (!value) return;
    const previous = segments[segments.length - 1];
    if (previous?.kind === "text") previous.text += value;
    else segments.push({ kind: "text", text: value });
  };
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    let raw = match[0];
    // Keep a closing bracket that has its opening one inside the URL (wiki-style links).
    const trailing = raw.match(TRAILING)?.[0] ?? "";
    let kept = trailing;
    if (trailing.startsWith(")") && raw.includes("(")) kept = trailing.slice(1);
    raw = raw.slice(0, raw.length - kept.length);
    pushText(text.slice(last, start));
    const href = safeHttpsHref(raw);
    if (href && raw.length > "https://".length) segments.push({ kind: "link", text: raw, href });
    else pushText(raw);
    last = start + raw.length;
  }
  pushText(text.slice(last));
  return segments;
}
