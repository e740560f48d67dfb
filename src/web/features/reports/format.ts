// How the report's numbers read: durations as m:ss (h:mm:ss past an hour), shares as percentages, times in
// the browser's zone.
import { formatDuration } from "../../../shared/live-order";
import type { EndReason } from "../../../shared/sessions";

export const duration = (ms: number | null | undefined) => (ms === null || ms === undefined ? "—" : formatDuration(ms));

export const percent = (share: number | null) =>
  share === null ? "—" : `${(share * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })}%`;

export const count = (n: number) => n.toLocaleString();

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
const time = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });
export const localDateTime = (iso: string | null) => (iso ? dateTime.format(new Date(iso)) : "—");
export const localTime = (iso: string | null) => (iso ? time.format(new Date(iso)) : "—");

export const endReasonLabels: Record<EndReason, string> = {
  resolved: "Resolved",
  transferred: "Transferred",
  customer_left: "Customer left",
  timed_out: "Timed out",
};

/** A bar of the wait distribution: "0–15 s", "1–2 min", "10 min +". */
export function waitBucketLabel(fromMs: number, toMs: number | null): string {
  const unit = (ms: number) => (ms < 60_000 ? `${ms / 1000} s` : `${ms / 60_000} min`);
  if (toMs === null) return `${unit(fromMs)} +`;
  if (fromMs >= 60_000) return `${fromMs / 60_000}–${toMs / 60_000} min`;
  if (toMs < 60_000) return `${fromMs / 1000}–${toMs / 1000} s`;
  return `${unit(fromMs)}–${unit(toMs)}`;
}
