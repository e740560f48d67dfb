// The conversation as the customer reads it, as plain data for the view: the headline of each phase, why a
// chat ended, and the lines of the log (stored messages, the agent joining, sends on their way, the end).
import { authorLabel, type Join, type WidgetState } from "./state";

/** One line of the log; `key` keeps its element across renders (a send keeps it once stored). */
export interface Line {
  key: string;
  kind: string;
  who?: string;
  body: string;
  note?: string;
}

export const greeting = (botName: string) =>
  `Hi, I'm ${botName}. Tell me your name and question, and I'll find a person to help.`;

export function headline(state: WidgetState): string {
  switch (state.phase) {
    case "form":
    case "handing-off":
      return "Chat with us";
    case "resuming":
      return "Your chat";
    case "waiting":
      return "Waiting for an agent";
    case "chatting":
      return state.agentName ?? "Live agent";
    case "ended":
      return "Chat ended";
  }
}

export function endedText(state: WidgetState): string {
  switch (state.endReason) {
    case "customer_left":
      return "You ended the chat.";
    case "resolved":
      return "The agent ended the chat. Thank you for contacting us.";
    case "timed_out":
      return "Sorry, no one was available to answer. Please try again later.";
    default:
      return "This chat has ended.";
  }
}

/** The conversation as lines: stored messages, agents joining, sends on their way, the end. */
export function transcriptLines(state: WidgetState, botName: string): Line[] {
  const lines: Line[] = [];
  const joins = [...state.joins];
  const joinLine = (join: Join): Line => ({
    key: `joined:${join.at}`,
    kind: "notice",
    body: `${join.agentName} joined the chat`,
  });
  for (const message of state.messages) {
    while (joins.length > 0 && joins[0].at <= message.createdAt) lines.push(joinLine(joins.shift()!));
    const kind = message.author === "system" ? "notice" : `line ${message.author}`;
    lines.push(
      message.author === "system"
        ? { key: message.id, kind, body: message.body }
        : { key: message.id, kind, who: authorLabel(state, message, botName), body: message.body },
    );
  }
  lines.push(...joins.map(joinLine));
  for (const outgoing of state.outbox) {
    lines.push({
      key: outgoing.id,
      kind: outgoing.isFailed ? "line customer failed" : "line customer",
      who: "You",
      body: outgoing.body,
      note: outgoing.isFailed ? "Not sent yet — retrying" : "Sending…",
    });
  }
  if (state.phase === "ended") lines.push({ key: "ended", kind: "notice", body: "Chat ended" });
  return lines;
}
