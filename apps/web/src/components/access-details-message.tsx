import { Alert, Anchor, Text } from "@mantine/core";
import { linkify } from "../lib/linkify.ts";

/**
 * An admin's custom access details as end users see them in the portal: plain text (line
 * breaks kept) with clickable https links. Used by the portal and by the wizard's Preview,
 * so the preview is exactly what users get. Nothing in `text` is ever parsed as HTML.
 */
export function AccessDetailsText({ text }: { text: string }) {
  // Each piece is keyed by where it starts in the text.
  let offset = 0;
  const pieces = linkify(text).map((segment) => {
    const start = offset;
    offset += segment.text.length;
    return { ...segment, start };
  });
  return (
    <Text
      size="sm"
      style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
      data-testid="access-details-text"
    >
      {pieces.map((piece) =>
        piece.kind === "link" ? (
          <Anchor
            key={piece.start}
            href={piece.href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            underline="always"
            c="blue.9"
          >
            {piece.text}
          </Anchor>
        ) : (
          <span key={piece.start}>{piece.text}</span>
        ),
      )}
    </Text>
  );
}

export function AccessDetailsMessage({ title, text }: { title: string; text: string }) {
  return (
    <Alert
      role="note"
      variant="light"
      color="blue"
      title={title}
      styles={{ message: { color: "var(--mantine-color-text)" } }}
    >
      <AccessDetailsText text={text} />
    </Alert>
  );
}
