import { describe, expect, it } from "vitest";
import type { LiveEvent } from "../shared/events";
import type { Message } from "../shared/messages";
import type { LiveSession } from "../shared/sessions";
import type { WidgetConversation } from "../shared/widget";
import { authorLabel, canWrite, initialState, reduce, type WidgetAction, type WidgetState } from "./state";

const CONVERSATION = "c0000000-0000-4000-8000-000000000001";
const OTHER = "c0000000-0000-4000-8000-000000000002";
const ALICE = { id: "a0000000-0000-4000-8000-00000000000a", name: "Alice Agent" };
const BOB = { id: "b0000000-0000-4000-8000-00000000000b", name: "Bob Agent" };

const message = (
  id: string,
  author: Message["author"],
  body: string,
  createdAt: string,
  agentId: string | null = null,
) => ({ id, conversationId: CONVERSATION, sessionId: null, author, agentId, body, createdAt }) satisfies Message;

const snapshot = (overrides: Partial<WidgetConversation> = {}): WidgetConversation => ({
  serverTime: "2026-01-01T09:00:05.000Z",
  seq: 10,
  conversationId: CONVERSATION,
  customerName: "Carla Customer",
  status: "queued",
  queuedAt: "2026-01-01T09:00:00.000Z",
  acceptedAt: null,
  agentName: null,
  messages: [
    message("m1", "bot", "Hi, I'm Ava.", "2026-01-01T08:59:58.000Z"),
    message("m2", "customer", "Where is my order?", "2026-01-01T08:59:59.000Z"),
  ],
  ...overrides,
});

const session = (overrides: Partial<LiveSession> = {}): LiveSession => ({
  id: "s1",
  conversationId: CONVERSATION,
  status: "queued",
  customer: { id: "cu", name: "Carla Customer" },
  agent: null,
  team: { id: "t", name: "General" },
  bot: { id: "bot", name: "Ava" },
  channel: { name: "Website", type: "web" },
  queuedAt: "2026-01-01T09:00:00.000Z",
  acceptedAt: null,
  ...overrides,
});

const accepted = (seq: number, agent = ALICE, acceptedAt = "2026-01-01T09:01:00.000Z"): LiveEvent => ({
  seq,
  type: "session.accepted",
  at: acceptedAt,
  data: { session: session({ status: "active", agent, acceptedAt }) },
});

const created = (seq: number, m: Message): LiveEvent => ({
  seq,
  type: "message.created",
  at: m.createdAt,
  data: { message: m },
});

const ended = (
  seq: number,
  reason: "resolved" | "customer_left" | "timed_out" | "transferred" = "resolved",
): LiveEvent => ({
  seq,
  type: "session.ended",
  at: "2026-01-01T09:05:00.000Z",
  data: {
    sessionId: "s1",
    conversationId: CONVERSATION,
    agentId: ALICE.id,
    reason,
    endedBy: "agent",
    endedAt: "2026-01-01T09:05:00.000Z",
  },
});

const run = (actions: WidgetAction[], from: WidgetState = initialState) => actions.reduce(reduce, from);
const loaded = (overrides: Partial<WidgetConversation> = {}) =>
  run([
    { type: "handoff.started", customerName: "Carla Customer" },
    { type: "conversation.loaded", conversation: snapshot(overrides) },
  ]);

describe("the widget's flow: form → waiting → chatting → ended", () => {
  it("starts on the form, hands off, and waits for an agent with the bot's transcript", () => {
    expect(initialState.phase).toBe("form");
    const handingOff = reduce(initialState, { type: "handoff.started", customerName: "Carla" });
    expect(handingOff.phase).toBe("handing-off");
    const waiting = reduce(handingOff, { type: "conversation.loaded", conversation: snapshot() });
    expect(waiting).toMatchObject({ phase: "waiting", seq: 10, queuedAt: "2026-01-01T09:00:00.000Z", agentName: null });
    expect(waiting.messages.map((m) => m.body)).toEqual(["Hi, I'm Ava.", "Where is my order?"]);
    expect(canWrite(waiting)).toBe(true);
  });

  it("a failed hand-off goes back to the form with the reason", () => {
    const state = run([
      { type: "handoff.started", customerName: "Carla" },
      { type: "handoff.failed", error: "Organization not found" },
    ]);
    expect(state).toMatchObject({ phase: "form", error: "Organization not found" });
  });

  it("an accept shows the agent's name; their messages arrive live; the end ends it", () => {
    let state = reduce(loaded(), { type: "event", event: accepted(11) });
    expect(state).toMatchObject({
      phase: "chatting",
      agentName: "Alice Agent",
      acceptedAt: "2026-01-01T09:01:00.000Z",
    });
    state = reduce(state, {
      type: "event",
      event: created(12, message("m3", "agent", "Hello Carla!", "2026-01-01T09:01:05.000Z", ALICE.id)),
    });
    expect(state.messages.at(-1)?.body).toBe("Hello Carla!");
    expect(authorLabel(state, state.messages.at(-1)!, "Ava")).toBe("Alice Agent");
    state = reduce(state, { type: "event", event: ended(13) });
    expect(state).toMatchObject({ phase: "ended", endReason: "resolved", seq: 13 });
    expect(canWrite(state)).toBe(false);
  });

  it("the customer ending the chat ends it at once and drops what was not sent", () => {
    const state = run(
      [
        { type: "event", event: accepted(11) },
        { type: "message.queued", id: "x1", body: "bye" },
        { type: "ended.by-customer" },
      ],
      loaded(),
    );
    expect(state).toMatchObject({ phase: "ended", endReason: "customer_left", outbox: [] });
    // The stream's own session.ended afterwards changes nothing.
    expect(reduce(state, { type: "event", event: ended(12, "customer_left") }).endReason).toBe("customer_left");
  });

  it("a resumed conversation lands in the phase its snapshot says", () => {
    const resuming = reduce(initialState, { type: "resume.started" });
    expect(resuming.phase).toBe("resuming");
    const active = snapshot({ status: "active", acceptedAt: "2026-01-01T09:01:00.000Z", agentName: "Alice Agent" });
    expect(reduce(resuming, { type: "conversation.loaded", conversation: active })).toMatchObject({
      phase: "chatting",
      agentName: "Alice Agent",
    });
    expect(reduce(resuming, { type: "conversation.loaded", conversation: snapshot({ status: "ended" }) }).phase).toBe(
      "ended",
    );
  });

  it("a reset after the end starts a new chat on the form", () => {
    const state = run([{ type: "event", event: ended(11) }, { type: "reset" }], loaded());
    expect(state).toEqual(initialState);
  });
});

describe("applying live events", () => {
  it("applies each event once, in sequence: a replay after a reconnect changes nothing", () => {
    const m3 = message("m3", "agent", "Hello", "2026-01-01T09:01:05.000Z", ALICE.id);
    const once = run(
      [
        { type: "event", event: accepted(11) },
        { type: "event", event: created(12, m3) },
      ],
      loaded(),
    );
    const replayed = run(
      [
        { type: "event", event: accepted(11) },
        { type: "event", event: created(12, m3) },
      ],
      once,
    );
    expect(replayed).toBe(once);
  });

  it("ignores events at or before the snapshot's sequence number", () => {
    const state = loaded({ seq: 20 });
    expect(reduce(state, { type: "event", event: accepted(20) })).toBe(state);
    expect(reduce(state, { type: "event", event: accepted(21) }).phase).toBe("chatting");
  });

  it("ignores events of other conversations", () => {
    const state = loaded();
    const foreign: LiveEvent = {
      seq: 11,
      type: "message.created",
      at: "2026-01-01T09:02:00.000Z",
      data: { message: { ...message("z", "agent", "not yours", "2026-01-01T09:02:00.000Z"), conversationId: OTHER } },
    };
    expect(reduce(state, { type: "event", event: foreign }).messages).toHaveLength(2);
  });

  it("a transfer puts the customer back in the queue with the new leg's wait, not the conversation's end", () => {
    const chatting = reduce(loaded(), { type: "event", event: accepted(11) });
    const transferred: LiveEvent = {
      seq: 12,
      type: "session.transferred",
      at: "2026-01-01T09:03:00.000Z",
      data: {
        sessionId: "s1",
        conversationId: CONVERSATION,
        agentId: ALICE.id,
        endedAt: "2026-01-01T09:03:00.000Z",
        note: "billing question",
        next: session({ id: "s2", queuedAt: "2026-01-01T09:03:00.000Z" }),
      },
    };
    const state = run(
      [
        { type: "event", event: transferred },
        { type: "event", event: ended(13, "transferred") },
      ],
      chatting,
    );
    expect(state).toMatchObject({ phase: "waiting", agentName: null, queuedAt: "2026-01-01T09:03:00.000Z" });
    const second = reduce(state, { type: "event", event: accepted(14, BOB, "2026-01-01T09:04:00.000Z") });
    expect(second).toMatchObject({ phase: "chatting", agentName: "Bob Agent" });
    expect(second.joins).toEqual([
      { agentName: "Alice Agent", at: "2026-01-01T09:01:00.000Z" },
      { agentName: "Bob Agent", at: "2026-01-01T09:04:00.000Z" },
    ]);
  });

  it("keeps messages in the order they were written, whatever order they arrive in", () => {
    const late = message("m4", "agent", "second", "2026-01-01T09:02:00.000Z", ALICE.id);
    const early = message("m3", "agent", "first", "2026-01-01T09:01:30.000Z", ALICE.id);
    const state = run(
      [
        { type: "event", event: accepted(11) },
        { type: "event", event: created(13, late) },
        { type: "message.stored", message: early },
      ],
      loaded(),
    );
    expect(state.messages.map((m) => m.body)).toEqual(["Hi, I'm Ava.", "Where is my order?", "first", "second"]);
  });
});

describe("sending: no loss, no duplicate", () => {
  it("a send waits in the outbox until stored, and is stored once whether the answer or the event comes first", () => {
    const stored = message("x1", "customer", "Still there?", "2026-01-01T09:02:00.000Z");
    const queued = reduce(loaded(), { type: "message.queued", id: "x1", body: "Still there?" });
    expect(queued.outbox).toEqual([{ id: "x1", body: "Still there?", isFailed: false }]);
    const viaAnswer = run(
      [
        { type: "message.stored", message: stored },
        { type: "event", event: created(11, stored) },
      ],
      queued,
    );
    const viaEvent = run(
      [
        { type: "event", event: created(11, stored) },
        { type: "message.stored", message: stored },
      ],
      queued,
    );
    for (const state of [viaAnswer, viaEvent]) {
      expect(state.outbox).toEqual([]);
      expect(state.messages.filter((m) => m.id === "x1")).toHaveLength(1);
    }
  });

  it("a failed send stays in the outbox, marked, and is retried under the same id", () => {
    const failed = run(
      [
        { type: "message.queued", id: "x1", body: "hello?" },
        { type: "message.failed", id: "x1" },
      ],
      loaded(),
    );
    expect(failed.outbox).toEqual([{ id: "x1", body: "hello?", isFailed: true }]);
    expect(reduce(failed, { type: "message.retrying", id: "x1" }).outbox).toEqual([
      { id: "x1", body: "hello?", isFailed: false },
    ]);
  });

  it("a reloaded snapshot keeps sends it does not hold yet and drops those it does", () => {
    const state = run(
      [
        { type: "message.queued", id: "x1", body: "one" },
        { type: "message.queued", id: "x2", body: "two" },
      ],
      loaded(),
    );
    const reloaded = reduce(state, {
      type: "conversation.loaded",
      conversation: snapshot({
        seq: 15,
        messages: [...snapshot().messages, message("x1", "customer", "one", "2026-01-01T09:02:00.000Z")],
      }),
    });
    expect(reloaded.outbox.map((m) => m.id)).toEqual(["x2"]);
    expect(reloaded.messages.map((m) => m.id)).toEqual(["m1", "m2", "x1"]);
  });
});

describe("the agent's typing indicator", () => {
  const typing = (conversationId = CONVERSATION) =>
    ({ type: "typing", typing: { conversationId, from: "agent", name: "Alice Agent" } }) as const;

  it("shows while the agent types, and goes when their message arrives or it expires", () => {
    const chatting = reduce(loaded(), { type: "event", event: accepted(11) });
    const isTyping = reduce(chatting, typing());
    expect(isTyping.agentTyping).toBe("Alice Agent");
    expect(reduce(isTyping, { type: "typing.expired" }).agentTyping).toBeNull();
    const answered = reduce(isTyping, {
      type: "event",
      event: created(12, message("m3", "agent", "Found it", "2026-01-01T09:02:00.000Z", ALICE.id)),
    });
    expect(answered.agentTyping).toBeNull();
  });

  it("ignores the customer's own typing and other conversations", () => {
    const chatting = reduce(loaded(), { type: "event", event: accepted(11) });
    expect(reduce(chatting, typing(OTHER))).toBe(chatting);
    expect(
      reduce(chatting, { type: "typing", typing: { conversationId: CONVERSATION, from: "customer", name: "Carla" } }),
    ).toBe(chatting);
  });
});

describe("who wrote a line", () => {
  it("names the customer, the bot, and each leg's agent", () => {
    const early = message("m3", "agent", "from an earlier leg", "2026-01-01T08:59:59.500Z", "unknown-agent");
    const state = loaded({
      status: "active",
      acceptedAt: "2026-01-01T09:01:00.000Z",
      agentName: "Bob Agent",
      messages: [...snapshot().messages, early, message("m4", "agent", "hi", "2026-01-01T09:01:10.000Z", BOB.id)],
    });
    const [bot, customer, earlier, current] = state.messages;
    expect(authorLabel(state, bot, "Ava")).toBe("Ava");
    expect(authorLabel(state, customer, "Ava")).toBe("You");
    expect(authorLabel(state, earlier, "Ava")).toBe("Agent");
    expect(authorLabel(state, current, "Ava")).toBe("Bob Agent");
  });
});
