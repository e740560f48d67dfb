import { describe, expect, it } from "vitest";
import type { PendingMessage } from "./send-queue";
import { message } from "./test-data";
import { buildTimeline, mergeMessages } from "./timeline";

const C = "00000000-0000-4000-8000-00000000000c";
const bot = (n: number, author: "customer" | "bot") => message(n, C, { sessionId: null, author });
const pending = (id: string, body = "…"): PendingMessage => ({
  id,
  conversationId: C,
  body,
  state: "sending",
  error: null,
});

describe("the chat's timeline", () => {
  it("shows the bot history, then the 'Transferred to live agent' divider, then the live messages", () => {
    const messages = [bot(1, "customer"), bot(2, "bot"), message(3, C), message(4, C, { author: "agent" })];
    expect(buildTimeline(messages, []).map((e) => (e.kind === "message" ? e.message.body : e.kind))).toEqual([
      "Message 1",
      "Message 2",
      "divider",
      "Message 3",
      "Message 4",
    ]);
  });

  it("shows the divider after the history when nobody has written since", () => {
    expect(buildTimeline([bot(1, "customer")], []).map((e) => e.kind)).toEqual(["message", "divider"]);
  });

  it("lists unsent messages last, and a stored one once even if its send is still unanswered", () => {
    const stored = message(5, C, { author: "agent" });
    const timeline = buildTimeline([stored], [pending(stored.id), pending("00000000-0000-4000-8000-0000000000ff")]);
    expect(timeline.map((e) => e.kind)).toEqual(["divider", "message", "pending"]);
  });

  it("merges live messages into the loaded ones once each, in the server's order", () => {
    const loaded = [message(1, C), message(3, C)];
    const merged = mergeMessages(loaded, [message(2, C), message(3, C)]);
    expect(merged.map((m) => m.body)).toEqual(["Message 1", "Message 2", "Message 3"]);
  });
});
