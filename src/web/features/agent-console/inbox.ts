// The agent's inbox as pure state: the Queued list (the agent's teams, longest wait first) and the Active
// list (own chats, and chats the customer ended until the agent closes them — PRODUCT.md, "Agent console"),
// changed by the agent stream's events. Events carry the Live Sessions row only, so details a row lacks
// (email, attributes) are carried over from the same conversation, or the caller refetches the inbox.
import type { AgentInbox, AgentSession } from "../../../shared/agent-console";
import type { LiveEvent } from "../../../shared/events";
import type { LiveSession } from "../../../shared/sessions";

export interface InboxState {
  queued: readonly AgentSession[];
  chats: readonly AgentSession[];
  /** The sequence number the state is at; events at or below it are already in. */
  seq: number;
}

export interface InboxContext {
  meId: string;
  /** Whether the agent is in this team; undefined while the teams are not known. */
  isMyTeam: (teamId: string) => boolean | undefined;
}

export interface InboxChange {
  state: InboxState;
  /** A request that just entered the Queued list: what the tab notification and the sound announce. */
  newRequest: LiveSession | null;
  /** The state lacks something only the inbox snapshot has (a row's details, team membership). */
  needsRefetch: boolean;
}

export const emptyInbox: InboxState = { queued: [], chats: [], seq: -1 };

export function inboxFromSnapshot(snapshot: AgentInbox): InboxState {
  return {
    queued: [...snapshot.queued].sort(byWait),
    chats: [...snapshot.chats].sort(byConversationStart),
    seq: snapshot.seq,
  };
}

const byWait = (a: AgentSession, b: AgentSession) =>
  a.queuedAt !== b.queuedAt ? (a.queuedAt < b.queuedAt ? -1 : 1) : a.id < b.id ? -1 : 1;
const byConversationStart = (a: AgentSession, b: AgentSession) => {
  const aStart = a.acceptedAt ?? a.queuedAt;
  const bStart = b.acceptedAt ?? b.queuedAt;
  return aStart !== bStart ? (aStart < bStart ? -1 : 1) : a.id < b.id ? -1 : 1;
};

/** An event's row as an agent session, with the details already known for its conversation. */
export function agentSessionOf(
  session: LiveSession,
  known: AgentSession | undefined,
  leg: Partial<Pick<AgentSession, "previousSessionId" | "transferNote">> = {},
): AgentSession {
  return {
    ...session,
    customerEmail: known?.customerEmail ?? null,
    attributes: known?.attributes ?? {},
    previousSessionId: leg.previousSessionId ?? (known?.id === session.id ? known.previousSessionId : null),
    transferNote: leg.transferNote ?? (known?.id === session.id ? known.transferNote : null),
    endedAt: null,
    endReason: null,
  };
}

const without = (rows: readonly AgentSession[], id: string) => rows.filter((row) => row.id !== id);
const insert = (rows: readonly AgentSession[], row: AgentSession, order: typeof byWait) =>
  [...without(rows, row.id), row].sort(order);

function findConversation(state: InboxState, conversationId: string): AgentSession | undefined {
  return (
    state.queued.find((s) => s.conversationId === conversationId) ??
    state.chats.find((s) => s.conversationId === conversationId)
  );
}

/** Applies one event of the agent stream. Its sequence numbers skip (the stream is filtered): no gap check. */
export function applyInboxEvent(state: InboxState, event: LiveEvent, context: InboxContext): InboxChange {
  const unchanged: InboxChange = { state, newRequest: null, needsRefetch: false };
  if (event.seq <= state.seq) return unchanged;
  const at = { ...state, seq: event.seq };
  switch (event.type) {
    case "session.queued": {
      const { session } = event.data;
      if (context.isMyTeam(session.team.id) === false) return { ...unchanged, state: at };
      const known = findConversation(state, session.conversationId);
      const row = agentSessionOf(session, known);
      return {
        state: { ...at, queued: insert(state.queued, row, byWait) },
        newRequest: session,
        needsRefetch: known === undefined,
      };
    }
    case "session.accepted": {
      const { session } = event.data;
      const queued = without(state.queued, session.id);
      if (session.agent?.id !== context.meId) return { ...unchanged, state: { ...at, queued } };
      const known = state.queued.find((s) => s.id === session.id) ?? state.chats.find((s) => s.id === session.id);
      const row = agentSessionOf(session, known);
      return {
        state: { ...at, queued, chats: insert(state.chats, row, byConversationStart) },
        newRequest: null,
        needsRefetch: known === undefined,
      };
    }
    case "session.transferred": {
      const { sessionId, note, next } = event.data;
      const known = findConversation(state, next.conversationId);
      const rest = { ...at, queued: without(state.queued, sessionId), chats: without(state.chats, sessionId) };
      const isMine = context.isMyTeam(next.team.id);
      if (isMine === false) return { ...unchanged, state: rest };
      const row = agentSessionOf(next, known, { previousSessionId: sessionId, transferNote: note });
      return {
        state: { ...rest, queued: insert(rest.queued, row, byWait) },
        newRequest: next,
        needsRefetch: known === undefined || isMine === undefined,
      };
    }
    case "session.ended": {
      const { sessionId, reason, endedAt } = event.data;
      const queued = without(state.queued, sessionId);
      const chat = state.chats.find((s) => s.id === sessionId);
      // A chat the customer left stays, marked, until the agent closes it; one ended otherwise goes.
      if (chat && reason === "customer_left") {
        const ended: AgentSession = { ...chat, status: "ended", endedAt, endReason: reason };
        return {
          ...unchanged,
          state: { ...at, queued, chats: state.chats.map((s) => (s.id === sessionId ? ended : s)) },
        };
      }
      return { ...unchanged, state: { ...at, queued, chats: without(state.chats, sessionId) } };
    }
    case "session.closed":
      // Closed in another tab: the chat the customer left leaves the Active list here too.
      return { ...unchanged, state: { ...at, chats: without(state.chats, event.data.sessionId) } };
    case "team.changed":
    case "team.deleted":
      // Membership may have changed, which changes whose requests this agent sees.
      return { ...unchanged, state: at, needsRefetch: true };
    case "bot.changed": {
      const rename = (s: AgentSession) =>
        s.bot.id === event.data.bot.id ? { ...s, bot: { ...s.bot, name: event.data.bot.name } } : s;
      return { ...unchanged, state: { ...at, queued: state.queued.map(rename), chats: state.chats.map(rename) } };
    }
    default:
      return { ...unchanged, state: at };
  }
}

/** The agent's own change, applied before its event arrives: the accepted chat moves to the Active list. */
export function acceptLocally(
  state: InboxState,
  sessionId: string,
  me: { id: string; name: string },
  acceptedAt: string,
) {
  const row = state.queued.find((s) => s.id === sessionId);
  if (!row) return state;
  const accepted: AgentSession = { ...row, status: "active", agent: { id: me.id, name: me.name }, acceptedAt };
  return {
    ...state,
    queued: without(state.queued, sessionId),
    chats: insert(state.chats, accepted, byConversationStart),
  };
}

/** A chat the agent transferred, ended or closed leaves the lists at once. */
export function removeLocally(state: InboxState, sessionId: string): InboxState {
  return { ...state, queued: without(state.queued, sessionId), chats: without(state.chats, sessionId) };
}
