// Rows and events for the agent console's unit tests.
import type { AgentInbox, AgentSession } from "../../../shared/agent-console";
import type { LiveEvent } from "../../../shared/events";
import type { Message } from "../../../shared/messages";
import type { LiveSession } from "../../../shared/sessions";

export const ME = { id: "00000000-0000-4000-8000-00000000a11c", name: "Alice Agent" };
export const BOB = { id: "00000000-0000-4000-8000-000000000b0b", name: "Bob Agent" };
export const SUPPORT = { id: "00000000-0000-4000-8000-0000000000a1", name: "Support" };
export const BILLING = { id: "00000000-0000-4000-8000-0000000000b1", name: "Billing" };
export const SALES = { id: "00000000-0000-4000-8000-0000000000c1", name: "Sales" };

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

export function liveSession(n: number, overrides: Partial<LiveSession> = {}): LiveSession {
  return {
    id: uuid(1000 + n),
    conversationId: uuid(2000 + n),
    status: "queued",
    customer: { id: uuid(3000 + n), name: `Customer ${n}` },
    agent: null,
    team: SUPPORT,
    bot: { id: uuid(9), name: "Helper Bot" },
    channel: { name: "Website", type: "web" },
    queuedAt: `2026-01-01T10:00:${String(n).padStart(2, "0")}.000Z`,
    acceptedAt: null,
    ...overrides,
  };
}

export function agentSession(n: number, overrides: Partial<AgentSession> = {}): AgentSession {
  return {
    ...liveSession(n),
    customerEmail: `customer${n}@example.test`,
    attributes: { plan: "Gold" },
    previousSessionId: null,
    transferNote: null,
    endedAt: null,
    endReason: null,
    ...overrides,
  };
}

export function activeSession(n: number, overrides: Partial<AgentSession> = {}): AgentSession {
  return agentSession(n, {
    status: "active",
    agent: ME,
    acceptedAt: `2026-01-01T10:01:${String(n).padStart(2, "0")}.000Z`,
    ...overrides,
  });
}

export function inbox(queued: AgentSession[], chats: AgentSession[], seq = 10): AgentInbox {
  return { serverTime: "2026-01-01T10:05:00.000Z", seq, queued, chats };
}

export function event<T extends LiveEvent["type"]>(
  seq: number,
  type: T,
  data: Extract<LiveEvent, { type: T }>["data"],
) {
  return { seq, type, at: "2026-01-01T10:05:00.000Z", data } as LiveEvent;
}

export function message(n: number, conversationId: string, overrides: Partial<Message> = {}): Message {
  return {
    id: uuid(5000 + n),
    conversationId,
    sessionId: uuid(1),
    author: "customer",
    agentId: null,
    body: `Message ${n}`,
    createdAt: `2026-01-01T10:02:${String(n).padStart(2, "0")}.000Z`,
    ...overrides,
  };
}
