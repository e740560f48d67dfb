// What the chat view lists, in order: the bot's transcript, the "Transferred to live agent" divider, then
// the live messages (PRODUCT.md, "Agent console"), with the agent's unsent messages last. Bot history is
// stored before the first session exists, so it is the part without a session.
import type { Message } from "../../../shared/messages";
import type { PendingMessage } from "./send-queue";

export type TimelineEntry =
  | { kind: "message"; message: Message }
  | { kind: "divider" }
  | { kind: "pending"; pending: PendingMessage };

const byTime = (a: Message, b: Message) =>
  a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Stored messages plus new ones, each once (by id), in the server's order (time, then id). */
export function mergeMessages(existing: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return [...existing];
  const byId = new Map(existing.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort(byTime);
}

export function buildTimeline(messages: readonly Message[], pending: readonly PendingMessage[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let isDividerShown = false;
  for (const message of messages) {
    if (!isDividerShown && message.sessionId !== null) {
      entries.push({ kind: "divider" });
      isDividerShown = true;
    }
    entries.push({ kind: "message", message });
  }
  if (!isDividerShown) entries.push({ kind: "divider" });
  // A pending message whose stored copy arrived (by the live feed, before the send's answer) shows once.
  const stored = new Set(messages.map((m) => m.id));
  for (const p of pending) if (!stored.has(p.id)) entries.push({ kind: "pending", pending: p });
  return entries;
}
