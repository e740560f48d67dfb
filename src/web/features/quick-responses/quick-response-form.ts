// The quick response form's rules, from the shared contract (a shortcut of letters, digits, _ and -; a text
// of up to 2,000 characters), and what an edit changes.
import type { z } from "zod";
import { type QuickResponse, quickResponseBodySchema } from "../../../shared/agent-console";
import { type FieldErrors, validate } from "../../lib/form-errors";

export type QuickResponseDraft = { shortcut: string; body: string };
type QuickResponseInput = z.output<typeof quickResponseBodySchema>;

export const draftOf = (response?: QuickResponse): QuickResponseDraft => ({
  shortcut: response?.shortcut ?? "",
  body: response?.body ?? "",
});

/** A leading `#` is how agents type it, not part of the shortcut: it is dropped. */
export function validateQuickResponse(
  draft: QuickResponseDraft,
): { ok: true; value: QuickResponseInput } | { ok: false; errors: FieldErrors } {
  return validate(quickResponseBodySchema, { shortcut: draft.shortcut.trim().replace(/^#/, ""), body: draft.body });
}

/** Only what changed; null when nothing did. */
export function quickResponseChanges(
  response: QuickResponse,
  value: QuickResponseInput,
): Partial<QuickResponseInput> | null {
  const changes: Partial<QuickResponseInput> = {};
  if (value.shortcut !== response.shortcut) changes.shortcut = value.shortcut;
  if (value.body !== response.body) changes.body = value.body;
  return Object.keys(changes).length > 0 ? changes : null;
}
