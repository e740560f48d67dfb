// The range of the Reports page: presets and custom days in the browser's time zone, turned into the UTC
// instants the API takes (PRODUCT.md, "Reports": shown in the browser's zone, stored and exported in UTC).
import { rangeProblem } from "../../../shared/report-range";

export const rangePresets = ["today", "yesterday", "last7", "last30", "custom"] as const;
export type RangePreset = (typeof rangePresets)[number];
export const presetLabels: Record<RangePreset, string> = {
  today: "Today",
  yesterday: "Yesterday",
  last7: "Last 7 days",
  last30: "Last 30 days",
  custom: "Custom",
};

export interface RangeChoice {
  preset: RangePreset;
  /** Custom days, YYYY-MM-DD, both included. */
  fromDay: string;
  toDay: string;
}

export type ResolvedRange = { ok: true; from: Date; to: Date } | { ok: false; problem: string };

/** Local midnight `days` after the day of `date` (calendar arithmetic, so a DST change is a 23- or 25-hour day). */
export function startOfDay(date: Date, days = 0): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function parseDay(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return dayOf(date) === day ? date : null;
}

/** From local midnight of the first day to local midnight after the last. */
export function resolveRange(choice: RangeChoice, now: Date): ResolvedRange {
  const today = startOfDay(now);
  switch (choice.preset) {
    case "today":
      return { ok: true, from: today, to: startOfDay(now, 1) };
    case "yesterday":
      return { ok: true, from: startOfDay(now, -1), to: today };
    case "last7":
      return { ok: true, from: startOfDay(now, -6), to: startOfDay(now, 1) };
    case "last30":
      return { ok: true, from: startOfDay(now, -29), to: startOfDay(now, 1) };
    case "custom": {
      const first = parseDay(choice.fromDay);
      const last = parseDay(choice.toDay);
      if (!first || !last) return { ok: false, problem: "Pick a first and a last day." };
      const from = first;
      const to = startOfDay(last, 1);
      const problem = rangeProblem(from.getTime(), to.getTime());
      return problem ? { ok: false, problem } : { ok: true, from, to };
    }
  }
}

export function readRangeChoice(params: URLSearchParams, now: Date): RangeChoice {
  const preset = (rangePresets as readonly string[]).includes(params.get("range") ?? "")
    ? (params.get("range") as RangePreset)
    : "last7";
  return {
    preset,
    fromDay: params.get("from") ?? dayOf(startOfDay(now, -6)),
    toDay: params.get("to") ?? dayOf(now),
  };
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
