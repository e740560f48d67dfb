// The customer's chat as a pure state machine: form → handing off → waiting → chatting → ended, moved by
// the conversation snapshot, live events (in sequence order, each applied once) and the customer's sends.
// Types only from src/shared: importing its zod schemas would put zod in the widget's bundle.
import type { Typing } from "../shared/agent-console";
import type { LiveEvent } from "../shared/events";
import type { Message } from "../shared/messages";
import type { EndReason, LiveSession } from "../shared/sessions";
import type { WidgetConversation } from "../shared/widget";

export type Phase = "form" | "handing-off" | "resuming" | "waiting" | "chatting" | "ended";

/** A message the customer sent that the server has not confirmed yet; retried with the same id. */
export interface Outgoing {
  id: string;
  body: string;
  isFailed: boolean;
}

export interface Join {
  agentName: string;
  at: string;
}

export interface WidgetState {
  phase: Phase;
  conversationId: string | null;
  customerName: string;
  /** The live agent of the current leg, once one accepted. */
  agentName: string | null;
  queuedAt: string | null;
  acceptedAt: string | null;
  /** Stored messages in the order they were written, each once. */
  messages: Message[];
  outbox: Outgoing[];
  /** Names of agents by id, learnt from accepts: labels for the lines of earlier legs. */
  agentNames: Record<string, string>;
  /** Agents joining, oldest first: each accept heard, and the current leg's from the snapshot. */
  joins: Join[];
  /** The last sequence number applied: events at or before it are already in the state. */
  seq: number;
  /** The name of the agent typing now, if any. */
  agentTyping: string | null;
  endReason: EndReason | null;
  error: string | null;
}

export type WidgetAction =
  | { type: "handoff.started"; customerName: string }
  | { type: "handoff.failed"; error: string }
  | { type: "resume.started" }
  | { type: "conversation.loaded"; conversation: WidgetConversation }
  | { type: "event"; event: LiveEvent }
  | { type: "typing"; typing: Typing }
  | { type: "typing.expired" }
  | { type: "message.queued"; id: string; body: string }
  | { type: "message.stored"; message: Message }
  | { type: "message.failed"; id: string }
  | { type: "message.retrying"; id: string }
  | { type: "ended.by-customer" }
  | { type: "reset" };

export const initialState: WidgetState = {
  phase: "form",
  conversationId: null,
  customerName: "",
  agentName: null,
  queuedAt: null,
  acceptedAt: null,
  messages: [],
  outbox: [],
  agentNames: {},
  joins: [],
  seq: 0,
  agentTyping: null,
  endReason: null,
  error: null,
};

export function reduce(state: WidgetState, action: WidgetAction): WidgetState {
  switch (action.type) {
    case "handoff.started":
      return { ...initialState, phase: "handing-off", customerName: action.customerName };
    case "handoff.failed":
      return { ...state, phase: "form", error: action.error };
    case "resume.started":
      return { ...state, phase: "resuming", error: null };
    case "conversation.loaded":
      return loadConversation(state, action.conversation);
    case "event":
      return applyEvent(state, action.event);
    case "typing":
      if (action.typing.from !== "agent" || action.typing.conversationId !== state.conversationId) return state;
      if (state.phase !== "chatting") return state;
      return { ...state, agentTyping: action.typing.name };
    case "typing.expired":
      return state.agentTyping === null ? state : { ...state, agentTyping: null };
    case "message.queued":
      return { ...state, outbox: [...state.outbox, { id: action.id, body: action.body, isFailed: false }] };
    case "message.stored":
      return addMessage(state, action.message);
    case "message.failed":
    case "message.retrying": {
      const isFailed = action.type === "message.failed";
      return { ...state, outbox: state.outbox.map((m) => (m.id === action.id ? { ...m, isFailed } : m)) };
    }
    case "ended.by-customer":
      return endConversation(state, "customer_left");
    case "reset":
      return initialState;
  }
}

/** The snapshot is the truth at its `seq`: it replaces what the state knew, keeping unconfirmed sends. */
function loadConversation(state: WidgetState, conversation: WidgetConversation): WidgetState {
  const stored = new Set(conversation.messages.map((m) => m.id));
  const phase = conversation.status === "queued" ? "waiting" : conversation.status === "active" ? "chatting" : "ended";
  return {
    ...state,
    phase,
    conversationId: conversation.conversationId,
    customerName: conversation.customerName,
    agentName: conversation.agentName,
    queuedAt: conversation.queuedAt,
    acceptedAt: conversation.acceptedAt,
    messages: sortMessages(conversation.messages),
    outbox: phase === "ended" ? [] : state.outbox.filter((m) => !stored.has(m.id)),
    joins:
      conversation.agentName && conversation.acceptedAt
        ? addJoin(state.joins, { agentName: conversation.agentName, at: conversation.acceptedAt })
        : state.joins,
    seq: conversation.seq,
    agentTyping: phase === "chatting" ? state.agentTyping : null,
    // The snapshot does not say why a conversation ended; an event heard before may have.
    endReason: phase === "ended" ? state.endReason : null,
    error: null,
  };
}

function applyEvent(state: WidgetState, event: LiveEvent): WidgetState {
  // Replays after a reconnect repeat what the state holds already.
  if (event.seq <= state.seq || state.conversationId === null) return state;
  const next = applyChange(state, event);
  return { ...next, seq: event.seq };
}

function applyChange(state: WidgetState, event: LiveEvent): WidgetState {
  switch (event.type) {
    case "session.queued":
    case "session.accepted":
      return event.data.session.conversationId === state.conversationId
        ? applySession(state, event.data.session)
        : state;
    case "session.transferred":
      return event.data.conversationId === state.conversationId ? applySession(state, event.data.next) : state;
    case "session.ended":
      // A transfer ends a leg but not the conversation: session.transferred says where it went.
      if (event.data.conversationId !== state.conversationId || event.data.reason === "transferred") return state;
      return endConversation(state, event.data.reason);
    case "message.created":
      return event.data.message.conversationId === state.conversationId ? addMessage(state, event.data.message) : state;
    default:
      return state;
  }
}

function applySession(state: WidgetState, session: LiveSession): WidgetState {
  if (state.phase === "ended") return state;
  const agent = session.status === "active" ? session.agent : null;
  return {
    ...state,
    phase: agent ? "chatting" : "waiting",
    agentName: agent?.name ?? null,
    queuedAt: session.queuedAt,
    acceptedAt: agent ? session.acceptedAt : null,
    agentNames: agent ? { ...state.agentNames, [agent.id]: agent.name } : state.agentNames,
    joins:
      agent && session.acceptedAt
        ? addJoin(state.joins, { agentName: agent.name, at: session.acceptedAt })
        : state.joins,
    agentTyping: null,
  };
}

function addJoin(joins: Join[], join: Join): Join[] {
  if (joins.some((j) => j.at === join.at)) return joins;
  return [...joins, join].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function endConversation(state: WidgetState, reason: EndReason): WidgetState {
  if (state.phase === "ended") return state;
  return { ...state, phase: "ended", endReason: reason, agentTyping: null, outbox: [] };
}

function addMessage(state: WidgetState, message: Message): WidgetState {
  const outbox = state.outbox.filter((m) => m.id !== message.id);
  const agentTyping = message.author === "agent" ? null : state.agentTyping;
  if (state.messages.some((m) => m.id === message.id)) return { ...state, outbox, agentTyping };
  return { ...state, messages: sortMessages([...state.messages, message]), outbox, agentTyping };
}

/** Written order: the server stamps every message with toISOString, so the strings compare as instants. */
function sortMessages(messages: Message[]): Message[] {
  return [...messages].sort((a, b) =>
    a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

/** Who wrote a line, as the customer reads it. */
export function authorLabel(state: WidgetState, message: Message, botName: string): string {
  switch (message.author) {
    case "customer":
      return "You";
    case "bot":
      return botName;
    case "system":
      return "Notice";
    case "agent": {
      const known = message.agentId ? state.agentNames[message.agentId] : undefined;
      if (known) return known;
      // One agent per leg: a line written since this leg's accept is its agent's.
      if (state.agentName && state.acceptedAt && message.createdAt >= state.acceptedAt) return state.agentName;
      return "Agent";
    }
  }
}

/** What the customer may do now: write while waiting or chatting, and end a chat that is not over. */
export const canWrite = (state: WidgetState) => state.phase === "waiting" || state.phase === "chatting";
