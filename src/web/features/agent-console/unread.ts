// Unread badges of the Active list: the customer's messages that arrived while their chat was not open.
// Counted in memory per tab, from the live messages only (a reload starts from zero).
import type { Message } from "../../../shared/messages";

export type UnreadCounts = Readonly<Record<string, number>>;

/** A message just stored (not one seen before): counts when the customer wrote it into a chat not open. */
export function countIncoming(counts: UnreadCounts, message: Message, openConversationId: string | null): UnreadCounts {
  if (message.author !== "customer" || message.conversationId === openConversationId) return counts;
  return { ...counts, [message.conversationId]: (counts[message.conversationId] ?? 0) + 1 };
}

export function markRead(counts: UnreadCounts, conversationId: string): UnreadCounts {
  if (!counts[conversationId]) return counts;
  const { [conversationId]: _, ...rest } = counts;
  return rest;
}

export function totalUnread(counts: UnreadCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
