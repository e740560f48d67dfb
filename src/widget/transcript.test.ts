import { describe, expect, it } from "vitest";
import type { Message } from "../shared/messages";
import { initialState, type WidgetState } from "./state";
import { endedText, headline, transcriptLines } from "./transcript";

const line = (id: string, author: Message["author"], body: string, createdAt: string): Message => ({
  id,
  conversationId: "c",
  sessionId: null,
  author,
  agentId: null,
  body,
  createdAt,
});

const chatting: WidgetState = {
  ...initialState,
  phase: "chatting",
  conversationId: "c",
  agentName: "Alice Agent",
  queuedAt: "2026-01-01T09:00:00.000Z",
  acceptedAt: "2026-01-01T09:01:00.000Z",
  messages: [
    line("m1", "bot", "Hi, I'm Ava.", "2026-01-01T08:59:58.000Z"),
    line("m2", "customer", "Where is my order?", "2026-01-01T08:59:59.000Z"),
    line("m3", "agent", "Let me look.", "2026-01-01T09:01:10.000Z"),
  ],
  outbox: [{ id: "x1", body: "Thanks", isFailed: false }],
  joins: [{ agentName: "Alice Agent", at: "2026-01-01T09:01:00.000Z" }],
};

describe("the conversation as the customer reads it", () => {
  it("the bot's transcript, the agent joining where they joined, their lines, then sends on their way", () => {
    const lines = transcriptLines(chatting, "Ava");
    expect(lines.map((l) => [l.who ?? "—", l.body, l.note ?? ""])).toEqual([
      ["Ava", "Hi, I'm Ava.", ""],
      ["You", "Where is my order?", ""],
      ["—", "Alice Agent joined the chat", ""],
      ["Alice Agent", "Let me look.", ""],
      ["You", "Thanks", "Sending…"],
    ]);
    // A send keeps its key once stored: its element (and the live region) stays put.
    expect(lines.at(-1)?.key).toBe("x1");
  });

  it("after a transfer both agents' joins stay where they happened", () => {
    const transferred: WidgetState = {
      ...chatting,
      agentName: "Bob Agent",
      acceptedAt: "2026-01-01T09:05:00.000Z",
      messages: [...chatting.messages, line("m4", "agent", "Bob here.", "2026-01-01T09:05:10.000Z")],
      outbox: [],
      joins: [...chatting.joins, { agentName: "Bob Agent", at: "2026-01-01T09:05:00.000Z" }],
    };
    expect(
      transcriptLines(transferred, "Ava")
        .map((l) => l.body)
        .slice(2),
    ).toEqual(["Alice Agent joined the chat", "Let me look.", "Bob Agent joined the chat", "Bob here."]);
  });

  it("a send that failed says it will be retried; the end is the last line", () => {
    const failed = { ...chatting, outbox: [{ id: "x1", body: "Thanks", isFailed: true }] };
    expect(transcriptLines(failed, "Ava").at(-1)).toMatchObject({ note: "Not sent yet — retrying" });
    const ended = { ...chatting, phase: "ended" as const, outbox: [], endReason: "resolved" as const };
    expect(transcriptLines(ended, "Ava").at(-1)).toMatchObject({ body: "Chat ended" });
  });

  it("headlines and end reasons per phase", () => {
    expect(headline(initialState)).toBe("Chat with us");
    expect(headline({ ...chatting, phase: "waiting" })).toBe("Waiting for an agent");
    expect(headline(chatting)).toBe("Alice Agent");
    expect(headline({ ...chatting, phase: "ended" })).toBe("Chat ended");
    expect(endedText({ ...chatting, phase: "ended", endReason: "customer_left" })).toBe("You ended the chat.");
    expect(endedText({ ...chatting, phase: "ended", endReason: "timed_out" })).toMatch(/no one was available/);
  });
});
