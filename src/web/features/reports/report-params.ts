// The page's view, kept in the URL so a link shows the same report: range, filters, sort and breakdown.
// Filters use short names in the URL and the API's names on the wire.
import {
  type ReportFilters,
  type ReportGrouping,
  type ReportSort,
  reportGroupings,
  reportSorts,
} from "../../../shared/reports";
import { endReasons, sessionStatuses } from "../../../shared/sessions";

/** URL name → API filter. */
export const filterParams = {
  team: "teamId",
  agent: "agentId",
  channel: "channel",
  bot: "botId",
  status: "status",
  reason: "endReason",
} as const satisfies Record<string, keyof ReportFilters>;
export type FilterParam = keyof typeof filterParams;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

export function readFilters(params: URLSearchParams): ReportFilters {
  const text = (name: FilterParam) => params.get(name)?.trim() || undefined;
  return {
    teamId: text("team"),
    agentId: text("agent"),
    channel: text("channel"),
    botId: text("bot"),
    status: oneOf(sessionStatuses, params.get("status")),
    endReason: oneOf(endReasons, params.get("reason")),
  };
}

export const readSort = (params: URLSearchParams): ReportSort => oneOf(reportSorts, params.get("sort")) ?? "status";
export const readGrouping = (params: URLSearchParams): ReportGrouping =>
  oneOf(reportGroupings, params.get("by")) ?? "team";

/** The API's query string for a range and filters, with any extra parameters. */
export function apiQuery(
  range: { from: Date; to: Date },
  filters: ReportFilters,
  extra: Record<string, string | number | undefined> = {},
): string {
  const query = new URLSearchParams({ from: range.from.toISOString(), to: range.to.toISOString() });
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value !== undefined && value !== "") query.set(key, String(value));
  }
  return query.toString();
}

/** A copy of the URL's parameters with one changed (or removed when empty). */
export function withParam(params: URLSearchParams, name: string, value: string | null | undefined) {
  const next = new URLSearchParams(params);
  if (value) next.set(name, value);
  else next.delete(name);
  return next;
}
