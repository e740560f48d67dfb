// Errors of the Settings forms, keyed by the field they belong to ("name", "conditions.0.key",
// "waitThresholds.redSeconds"): the same dotted paths the API names in `error.field`, so the browser's own
// check (the shared zod schemas) and the server's answer land next to the same input.
import type { z } from "zod";
import { ApiError } from "./api";

export type FieldErrors = Record<string, string>;
/** Where an error that names no field we show goes: above the form. */
export const FORM = "form";

type Issue = z.core.$ZodRawIssue;

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Words a person can act on for zod's generic issues; a schema's own message (the team name rule) wins. */
function friendlyMessage(issue: Issue): string | undefined {
  const limit = (n: unknown) => Number(n).toLocaleString("en");
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string")
        return issue.minimum === 1 ? "Required" : `At least ${limit(issue.minimum)} characters`;
      if (issue.origin === "array")
        return issue.minimum === 1 ? "Add at least one" : `At least ${limit(issue.minimum)}`;
      return `At least ${limit(issue.minimum)}`;
    case "too_big":
      if (issue.origin === "string") return `At most ${limit(issue.maximum)} characters`;
      if (issue.origin === "array") return `At most ${limit(issue.maximum)}`;
      return `At most ${limit(issue.maximum)}`;
    case "invalid_type":
      if (issue.expected === "int" || issue.expected === "number") return "Enter a whole number";
      return "Required";
    case "invalid_format":
      if (issue.format === "uuid") return "Choose one";
      return undefined;
    default:
      return undefined;
  }
}

/** Checks a form's value with a shared schema: the parsed value (trimmed, defaults applied) or its errors. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value, { error: friendlyMessage });
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join(".") || FORM;
    errors[field] ??= capitalize(issue.message);
  }
  return { ok: false, errors };
}

/**
 * The API's refusal as form errors: next to the field it names when the form shows that field, otherwise
 * above the form. The server's validation messages start with the field's path, which the label already says.
 */
export function apiFieldErrors(error: unknown, isShown: (field: string) => boolean): FieldErrors {
  if (!(error instanceof ApiError)) return { [FORM]: "Could not reach Switchboard. Try again." };
  if (!error.field || !isShown(error.field)) return { [FORM]: error.message };
  const prefix = `${error.field}: `;
  const message = error.message.startsWith(prefix) ? capitalize(error.message.slice(prefix.length)) : error.message;
  return { [error.field]: message };
}
