import { z } from "zod";

export const CUSTOM_ACCESS_DETAILS_MAX = 400;

/** What end users see above the text in the User Portal. */
export const CUSTOM_ACCESS_DETAILS_TITLE = "Message from your admin";

export const CUSTOM_ACCESS_DETAILS_TOO_LONG = `Custom access details may be at most ${CUSTOM_ACCESS_DETAILS_MAX} characters. Shorten the text.`;

// Upper bound on UTF-16 code units, checked before counting graphemes so a huge payload is
// rejected cheaply. Generous: an emoji family is ~11 code units for one character.
const RAW_MAX = CUSTOM_ACCESS_DETAILS_MAX * 20;

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Windows (\r\n) and old Mac (\r) line endings become \n, so a line break counts once. */
export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/**
 * Characters as the user sees them: grapheme clusters (an emoji with skin tone, a flag, an
 * accented letter written with a combining mark each count as one), after normalising line
 * endings. The form's counter and the API use this same function.
 */
export function countAccessDetailsCharacters(text: string): number {
  const normalised = normaliseLineEndings(text);
  let count = 0;
  for (const _ of segmenter.segment(normalised)) count += 1;
  return count;
}

/**
 * Optional, nullable admin instructions shown to end users. Output: line endings
 * normalised; an empty or whitespace-only text becomes `null` (nothing to show).
 */
export const ZCustomAccessDetails = z
  .string({ error: "Send custom access details as a string." })
  .max(RAW_MAX, { error: CUSTOM_ACCESS_DETAILS_TOO_LONG })
  // A text over RAW_MAX is already reported; skip counting it (see common/checks.ts).
  .refine(
    (text) => text.length > RAW_MAX || countAccessDetailsCharacters(text) <= CUSTOM_ACCESS_DETAILS_MAX,
    {
      error: CUSTOM_ACCESS_DETAILS_TOO_LONG,
    },
  )
  .nullish()
  .transform((text) => {
    if (text === undefined || text === null) return text;
    const normalised = normaliseLineEndings(text);
    return normalised.trim() === "" ? null : normalised;
  });
