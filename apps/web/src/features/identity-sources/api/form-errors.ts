import { apiIssuesToFieldErrors, type TApiErrorCode } from "@portcullis/shared";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { errorMessage } from "../../../components/states.tsx";
import { isApiError } from "../../../lib/api-client.ts";

// Conflicts the API names by code; used when its answer carries no field (an older server) so the
// words still land under the field they are about.
const FIELD_OF_CODE: Partial<Record<TApiErrorCode, string>> = {
  IDENTITY_SOURCE_NAME_TAKEN: "name",
};

/**
 * Puts the API's words under the fields they name (of those the form has); returns the sentence
 * to show above the form when none of them is about a field.
 */
export function applyApiErrors<T extends FieldValues>(
  error: unknown,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
): string | null {
  if (!isApiError(error)) return errorMessage(error);
  const byField = apiIssuesToFieldErrors(error.issues);
  const codeField = error.code ? FIELD_OF_CODE[error.code] : undefined;
  if (codeField && !byField[codeField]) byField[codeField] = error.message;
  const matched = fields.filter((field) => byField[field] !== undefined);
  for (const field of matched) setError(field, { message: byField[field] });
  return matched.length === 0 ? errorMessage(error) : null;
}
