import { describe, expect, it } from "vitest";
import { acceptLocally, applyInboxEvent, type InboxContext, inboxFromSnapshot } from "./inbox";
import { activeSession, agentSession, BILLING, BOB, event, inbox, liveSession, ME, SALES, SUPPORT } from "./test-data";

const context: InboxContext = { meId: ME.id, isMyTeam: (teamId) => teamId !== SALES.id };
const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);

describe("the agent's inbox", () => {
  it("lists the queued requests longest wait first, whatever order the snapshot has", () => {
    const state = inboxFromSnapshot(inbox([agentSession(3), agentSession(1), agentSession(2)], []));
    expect(ids(state.queued)).toEqual([agentSession(1).id, agentSession(2).id, agentSession(3).id]);
  });

  it("a new request of the agent's teams joins the Queued list in wait order and is announced", () => {
    const state = inboxFromSnapshot(inbox([agentSession(1), agentSession(5)], []));
    const change = applyInboxEvent(state, event(11, "session.queued", { session: liveSession(3) }), context);
    expect(ids(change.state.queued)).toEqual([agentSession(1).id, agentSession(3).id, agentSession(5).id]);
    expect(change.newRequest?.id).toBe(liveSession(3).id);
    expect(change.state.seq).toBe(11);
    // The event has no email or attributes: the inbox is refetched for them.
    expect(change.needsRefetch).toBe(true);
  });

  it("a request of another team is not listed", () => {
    const state = inboxFromSnapshot(inbox([], []));
    const change = applyInboxEvent(
      state,
      event(11, "session.queued", { session: liveSession(1, { team: SALES }) }),
      context,
    );
    expect(change.state.queued).toEqual([]);
    expect(change.newRequest).toBeNull();
  });

  it("events already in the snapshot are skipped, and a jump in the sequence is not a gap", () => {
    const state = inboxFromSnapshot(inbox([agentSession(1)], [], 10));
    const stale = applyInboxEvent(state, event(9, "session.queued", { session: liveSession(2) }), context);
    expect(stale.state).toBe(state);
    const jump = applyInboxEvent(state, event(40, "session.queued", { session: liveSession(2) }), context);
    expect(ids(jump.state.queued)).toHaveLength(2);
  });

  it("a request another agent accepted leaves the Queued list", () => {
    const state = inboxFromSnapshot(inbox([agentSession(1), agentSession(2)], []));
    const accepted = liveSession(1, { status: "active", agent: BOB, acceptedAt: "2026-01-01T10:03:00.000Z" });
    const change = applyInboxEvent(state, event(11, "session.accepted", { session: accepted }), context);
    expect(ids(change.state.queued)).toEqual([agentSession(2).id]);
    expect(change.state.chats).toEqual([]);
  });

  it("a request the agent accepted (or was assigned) moves to the Active list with its details", () => {
    const state = inboxFromSnapshot(inbox([agentSession(1)], [activeSession(7)]));
    const accepted = liveSession(1, { status: "active", agent: ME, acceptedAt: "2026-01-01T10:09:00.000Z" });
    const change = applyInboxEvent(
      state,
      event(11, "session.accepted", { session: accepted, assigned: true }),
      context,
    );
    expect(change.state.queued).toEqual([]);
    expect(ids(change.state.chats)).toEqual([activeSession(7).id, agentSession(1).id]);
    const chat = change.state.chats[1];
    expect(chat.status).toBe("active");
    expect(chat.customerEmail).toBe("customer1@example.test");
    expect(chat.attributes).toEqual({ plan: "Gold" });
    expect(change.needsRefetch).toBe(false);
  });

  it("a transfer to one of the agent's teams replaces the chat with a queued request carrying the note", () => {
    const state = inboxFromSnapshot(inbox([], [activeSession(1)]));
    const next = liveSession(1, { id: "00000000-0000-4000-8000-00000000ffff", team: BILLING });
    const change = applyInboxEvent(
      state,
      event(11, "session.transferred", {
        sessionId: activeSession(1).id,
        conversationId: next.conversationId,
        agentId: ME.id,
        endedAt: "2026-01-01T10:04:00.000Z",
        note: "Wants a refund",
        next,
      }),
      context,
    );
    expect(change.state.chats).toEqual([]);
    expect(change.state.queued).toHaveLength(1);
    expect(change.state.queued[0]).toMatchObject({
      id: next.id,
      transferNote: "Wants a refund",
      previousSessionId: activeSession(1).id,
      attributes: { plan: "Gold" },
    });
    expect(change.newRequest?.id).toBe(next.id);
  });

  it("a transfer to a team the agent is not in only removes the chat", () => {
    const state = inboxFromSnapshot(inbox([], [activeSession(1)]));
    const next = liveSession(1, { id: "00000000-0000-4000-8000-00000000ffff", team: SALES });
    const change = applyInboxEvent(
      state,
      event(11, "session.transferred", {
        sessionId: activeSession(1).id,
        conversationId: next.conversationId,
        agentId: ME.id,
        endedAt: "2026-01-01T10:04:00.000Z",
        note: null,
        next,
      }),
      context,
    );
    expect(change.state.chats).toEqual([]);
    expect(change.state.queued).toEqual([]);
  });

  it("a chat the customer ended stays in the Active list, marked, until closed; one the agent ended goes", () => {
    const state = inboxFromSnapshot(inbox([], [activeSession(1), activeSession(2)]));
    const ended = (n: number, reason: "customer_left" | "resolved", endedBy: "customer" | "agent", seq: number) =>
      event(seq, "session.ended", {
        sessionId: activeSession(n).id,
        conversationId: activeSession(n).conversationId,
        agentId: ME.id,
        reason,
        endedBy,
        endedAt: "2026-01-01T10:04:00.000Z",
      });
    const left = applyInboxEvent(state, ended(1, "customer_left", "customer", 11), context).state;
    expect(left.chats[0]).toMatchObject({ status: "ended", endReason: "customer_left" });
    const resolved = applyInboxEvent(left, ended(2, "resolved", "agent", 12), context).state;
    expect(ids(resolved.chats)).toEqual([activeSession(1).id]);
  });

  it("a chat closed (in another tab) leaves the Active list", () => {
    const chat = activeSession(1, { status: "ended", endReason: "customer_left" });
    const state = inboxFromSnapshot(inbox([], [chat]));
    const change = applyInboxEvent(
      state,
      event(11, "session.closed", { sessionId: chat.id, conversationId: chat.conversationId, agentId: ME.id }),
      context,
    );
    expect(change.state.chats).toEqual([]);
  });

  it("a queued request the customer abandoned leaves the Queued list", () => {
    const state = inboxFromSnapshot(inbox([agentSession(1)], []));
    const change = applyInboxEvent(
      state,
      event(11, "session.ended", {
        sessionId: agentSession(1).id,
        conversationId: agentSession(1).conversationId,
        agentId: null,
        reason: "customer_left",
        endedBy: "customer",
        endedAt: "2026-01-01T10:04:00.000Z",
      }),
      context,
    );
    expect(change.state.queued).toEqual([]);
  });

  it("a team change refetches the inbox, since the agent's teams may have changed", () => {
    const state = inboxFromSnapshot(inbox([], []));
    const team = { ...SUPPORT, description: "", isDefault: false, memberIds: [], queued: 0, active: 0 };
    expect(applyInboxEvent(state, event(11, "team.changed", { team }), context).needsRefetch).toBe(true);
  });

  it("accepting moves the request to the Active list before the event arrives, and the event changes nothing more", () => {
    const state = inboxFromSnapshot(inbox([agentSession(1)], []));
    const local = acceptLocally(state, agentSession(1).id, ME, "2026-01-01T10:09:00.000Z");
    expect(local.queued).toEqual([]);
    expect(local.chats[0]).toMatchObject({ status: "active", agent: ME });
    const accepted = liveSession(1, { status: "active", agent: ME, acceptedAt: "2026-01-01T10:09:00.000Z" });
    const change = applyInboxEvent(local, event(11, "session.accepted", { session: accepted }), context);
    expect(change.state.chats).toHaveLength(1);
    expect(change.state.chats[0].attributes).toEqual({ plan: "Gold" });
  });
});
