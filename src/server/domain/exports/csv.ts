// The export's CSV: the reference's columns in its order (PRODUCT.md, "Reports"), times in UTC, durations in
// whole seconds, and no cell a spreadsheet would run as a formula.
import type { EndReason } from "../../../shared/sessions";

export const exportHeader = [
  "Conversation ID",
  "Total time (s)",
  "Requested at (UTC)",
  "Accepted at (UTC)",
  "Ended at (UTC)",
  "Status",
  "User name",
  "Live agent",
  "User email",
  "Wait time (s)",
  "Conversation duration (s)",
  "Channel name",
  "Channel type",
  "Team",
  "Routing rule",
  "Bot name",
  "Bot ID",
] as const;

/** One session as the export reads it (export-rows.ts): timestamps already ISO 8601 in UTC. */
export interface ExportRow {
  conversationId: string;
  totalSeconds: number;
  requestedAt: string;
  acceptedAt: string | null;
  endedAt: string | null;
  status: string;
  endReason: string | null;
  userName: string;
  agentName: string | null;
  userEmail: string | null;
  waitSeconds: number;
  durationSeconds: number | null;
  channelName: string;
  channelType: string;
  teamName: string;
  ruleName: string | null;
  botName: string;
  botId: string;
}

const reasonLabel: Record<EndReason, string> = {
  resolved: "resolved",
  transferred: "transferred",
  customer_left: "customer left",
  timed_out: "timed out",
};

export function statusLabel(status: string, endReason: string | null) {
  if (status === "queued") return "Queued";
  if (status === "active") return "Active";
  return `Ended (${reasonLabel[endReason as EndReason] ?? endReason})`;
}

// OWASP "CSV injection": a cell that starts with one of these is read as a formula by spreadsheets.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made inert: a leading apostrophe makes spreadsheets show it as text. */
export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const text = (value: string | null) => (value === null ? "" : neutralizeCell(value));

/** The row as the header's cells, in order. Names and other free text are neutralized; ids and times cannot start a formula. */
export function toCsvRecord(row: ExportRow): (string | number)[] {
  return [
    row.conversationId,
    row.totalSeconds,
    row.requestedAt,
    row.acceptedAt ?? "",
    row.endedAt ?? "",
    statusLabel(row.status, row.endReason),
    text(row.userName),
    text(row.agentName),
    text(row.userEmail),
    row.waitSeconds,
    row.durationSeconds ?? "",
    text(row.channelName),
    text(row.channelType),
    text(row.teamName),
    text(row.ruleName),
    text(row.botName),
    row.botId,
  ];
}
