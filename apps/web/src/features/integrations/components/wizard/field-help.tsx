import { Text } from "@mantine/core";
import { FIELD_HELP, type TFieldHelp } from "@portcullis/shared";

/** Label and help text of a wizard field, from the shared catalog (the product documentation's words). */
export function fieldHelp(path: string): TFieldHelp {
  const help = FIELD_HELP[path];
  if (!help) throw new Error(`No help text for ${path}`);
  return help;
}

/** The field's label, with "(Optional)" as the documentation writes it. */
export function FieldLabel({ label, optional }: { label: string; optional: boolean }) {
  return (
    <>
      {label}
      {/* A space, not a margin: read aloud, the name is "Label (Optional)", not "Label(Optional)". */}
      {optional && " "}
      {optional && (
        <Text span c="dimmed" size="xs" fw={400}>
          (Optional)
        </Text>
      )}
    </>
  );
}

/** "Click one or more resource types to sync." | "The rest of the help." */
export function splitFirstSentence(text: string): [string, string] {
  const match = text.match(/^(.+?[.!?])\s+(.+)$/s);
  return match ? [match[1] ?? text, match[2] ?? ""] : [text, ""];
}
