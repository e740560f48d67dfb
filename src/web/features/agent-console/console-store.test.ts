import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AgentInbox } from "../../../shared/agent-console";
import type { Message } from "../../../shared/messages";
import { AgentConsoleStore } from "./console-store";
import { activeSession, agentSession, event, inbox, liveSession, ME, message } from "./test-data";

function setup(initial: AgentInbox, history: Message[] = []) {
  let snapshot = initial;
  let resolveInbox: (() => void) | null = null;
  let isHeld = false;
  const fetchInbox = vi.fn(
    () =>
      new Promise<AgentInbox>((resolve) => {
        if (!isHeld) return resolve(snapshot);
        resolveInbox = () => resolve(snapshot);
      }),
  );
  const announced: string[] = [];
  const store = new AgentConsoleStore({
    fetchInbox,
    fetchMessages: async () => history,
    context: { meId: ME.id, isMyTeam: () => true },
    onNewRequest: (s) => announced.push(s.id),
    refetchDelayMs: 10,
    typingMs: 1_000,
  });
  return {
    store,
    fetchInbox,
    announced,
    setSnapshot: (next: AgentInbox) => {
      snapshot = next;
    },
    hold: () => {
      isHeld = true;
    },
    release: () => {
      isHeld = false;
      resolveInbox?.();
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("the agent console's state", () => {
  it("applies events heard while the inbox loads after it, skipping those the inbox already has", async () => {
    const t = setup(inbox([agentSession(1)], [], 10));
    t.hold();
    const loading = t.store.refresh();
    t.store.receive({ kind: "event", event: event(9, "session.queued", { session: liveSession(9) }) });
    t.store.receive({ kind: "event", event: event(12, "session.queued", { session: liveSession(2) }) });
    t.release();
    await loading;
    expect(t.store.getView().inbox.queued.map((s) => s.id)).toEqual([agentSession(1).id, agentSession(2).id]);
    expect(t.announced).toEqual([liveSession(2).id]);
  });

  it("refetches the inbox on resync, and once for a burst of rows without details", async () => {
    const t = setup(inbox([], [], 10));
    await t.store.refresh();
    t.store.receive({ kind: "event", event: event(11, "session.queued", { session: liveSession(1) }) });
    t.store.receive({ kind: "event", event: event(12, "session.queued", { session: liveSession(2) }) });
    t.setSnapshot(inbox([agentSession(1), agentSession(2)], [], 12));
    await vi.advanceTimersByTimeAsync(20);
    expect(t.fetchInbox).toHaveBeenCalledTimes(2);
    expect(t.store.getView().inbox.queued[0].customerEmail).toBe("customer1@example.test");
    t.store.receive({ kind: "resync", seq: 50 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.fetchInbox).toHaveBeenCalledTimes(3);
  });

  it("counts unread customer messages of chats not open, once per message, and clears them on opening", async () => {
    const chat = activeSession(1);
    const t = setup(inbox([], [chat]));
    await t.store.refresh();
    const first = message(1, chat.conversationId);
    t.store.receive({ kind: "event", event: event(11, "message.created", { message: first }) });
    t.store.addMessage(first); // the same message again: not counted twice
    t.store.receive({
      kind: "event",
      event: event(12, "message.created", { message: message(2, chat.conversationId) }),
    });
    expect(t.store.getView().unread).toEqual({ [chat.conversationId]: 2 });
    t.store.setOpenConversation(chat.conversationId);
    expect(t.store.getView().unread).toEqual({});
    t.store.receive({
      kind: "event",
      event: event(13, "message.created", { message: message(3, chat.conversationId) }),
    });
    expect(t.store.getView().unread).toEqual({});
    expect(t.store.messagesOf(chat.conversationId).messages).toHaveLength(3);
  });

  it("merges a conversation's history with messages that arrived live", async () => {
    const chat = activeSession(1);
    const history = [
      message(1, chat.conversationId, { sessionId: null, author: "bot" }),
      message(2, chat.conversationId),
    ];
    const t = setup(inbox([], [chat]), history);
    await t.store.refresh();
    t.store.receive({
      kind: "event",
      event: event(11, "message.created", { message: message(2, chat.conversationId) }),
    });
    t.store.receive({
      kind: "event",
      event: event(12, "message.created", { message: message(3, chat.conversationId) }),
    });
    await t.store.loadMessages(chat.conversationId);
    const conversation = t.store.messagesOf(chat.conversationId);
    expect(conversation.status).toBe("ready");
    expect(conversation.messages.map((m) => m.body)).toEqual(["Message 1", "Message 2", "Message 3"]);
  });

  it("shows the customer typing until they send or fall silent", async () => {
    const chat = activeSession(1);
    const t = setup(inbox([], [chat]));
    await t.store.refresh();
    const typing = { conversationId: chat.conversationId, from: "customer" as const, name: "Customer 1" };
    t.store.receive({ kind: "typing", typing });
    expect(t.store.getView().typing).toEqual({ [chat.conversationId]: "Customer 1" });
    await vi.advanceTimersByTimeAsync(1_100);
    expect(t.store.getView().typing).toEqual({});
    t.store.receive({ kind: "typing", typing });
    t.store.receive({
      kind: "event",
      event: event(11, "message.created", { message: message(1, chat.conversationId) }),
    });
    expect(t.store.getView().typing).toEqual({});
    t.store.receive({ kind: "typing", typing: { ...typing, from: "agent", name: "Alice" } });
    expect(t.store.getView().typing).toEqual({});
  });
});
