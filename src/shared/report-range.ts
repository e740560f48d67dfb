// The range of a report (PRODUCT.md, "Reports"): a custom range covers at most 6 months. Checked in the
// browser before asking and again by the server, with the same words.
export const MAX_RANGE_MONTHS = 6;

/**
 * Six calendar months after `from`, plus a day: the browser picks whole days in its own time zone, and a
 * range of six local months can be an hour or so longer in UTC across a daylight-saving change.
 */
export function latestEndOf(fromMs: number): number {
  const limit = new Date(fromMs);
  limit.setUTCMonth(limit.getUTCMonth() + MAX_RANGE_MONTHS);
  return limit.getTime() + 86_400_000;
}

export const RANGE_TOO_LONG = `A report covers at most ${MAX_RANGE_MONTHS} months. Pick a later start or an earlier end.`;
export const RANGE_BACKWARDS = "The range ends before it starts. Pick an end after the start.";

/** Why `from`–`to` is not a range a report can cover, or null when it is. */
export function rangeProblem(fromMs: number, toMs: number): string | null {
  if (!(toMs > fromMs)) return RANGE_BACKWARDS;
  if (toMs > latestEndOf(fromMs)) return RANGE_TOO_LONG;
  return null;
}
