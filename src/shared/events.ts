// The live feed's contract: every change of an organization is one event with a gap-free sequence number.
// Domain events travel as SSE `message` events whose `id:` is the sequence; control events (`caught-up`,
// `resync`, `heartbeat`) are named and carry no id.
// Protocol history: 1 — first version.
import { z } from "zod";
import { quickResponseSchema } from "./agent-console";
import { id, timestamp } from "./common";
import { messageSchema } from "./messages";
import { botSchema, routingRuleSchema, teamSchema } from "./organization";
import { agentStatuses, userSchema } from "./people";
import { endedByKinds, endReasons, liveSessionSchema } from "./sessions";
import { settingsSchema } from "./settings";

export const LIVE_PROTOCOL_VERSION = 1;

const agentStateSchema = z.object({
  id,
  name: z.string(),
  status: z.enum(agentStatuses),
  statusChangedAt: timestamp,
  onlineSince: timestamp.nullable(),
});

export const eventPayloads = {
  "session.queued": z.object({ session: liveSessionSchema }),
  /** `assigned`: given by automatic assignment rather than accepted by the agent. */
  "session.accepted": z.object({ session: liveSessionSchema, assigned: z.boolean().optional() }),
  "session.transferred": z.object({
    sessionId: id,
    conversationId: id,
    /** The agent who had the chat, if it was active: their load drops by one. */
    agentId: id.nullable(),
    endedAt: timestamp,
    note: z.string().nullable(),
    next: liveSessionSchema,
  }),
  "session.ended": z.object({
    sessionId: id,
    conversationId: id,
    agentId: id.nullable(),
    reason: z.enum(endReasons),
    endedBy: z.enum(endedByKinds),
    endedAt: timestamp,
  }),
  /** The agent closed a chat the customer had ended; it leaves their Active list. */
  "session.closed": z.object({ sessionId: id, conversationId: id, agentId: id }),
  "message.created": z.object({ message: messageSchema }),
  "agent.status_changed": z.object({ agent: agentStateSchema, changedBy: id.nullable() }),
  "user.changed": z.object({ user: userSchema }),
  "team.changed": z.object({ team: teamSchema }),
  "team.deleted": z.object({ teamId: id }),
  "bot.changed": z.object({ bot: botSchema }),
  "bot.deleted": z.object({ botId: id }),
  "routing_rule.changed": z.object({ rule: routingRuleSchema }),
  "routing_rule.deleted": z.object({ ruleId: id }),
  "settings.changed": z.object({ settings: settingsSchema }),
  "quick_response.changed": z.object({ quickResponse: quickResponseSchema }),
  "quick_response.deleted": z.object({ quickResponseId: id }),
} as const;

export type EventType = keyof typeof eventPayloads;
export type EventPayload<T extends EventType> = z.infer<(typeof eventPayloads)[T]>;
export const eventTypes = Object.keys(eventPayloads) as EventType[];

export const liveEventSchema = z
  .discriminatedUnion(
    "type",
    eventTypes.map((type) =>
      z.object({ seq: z.number().int().positive(), type: z.literal(type), at: timestamp, data: eventPayloads[type] }),
    ) as unknown as [z.ZodObject, ...z.ZodObject[]],
  )
  .meta({ id: "LiveEvent" });

export type LiveEvent = {
  [T in EventType]: { seq: number; type: T; at: string; data: EventPayload<T> };
}[EventType];

export const controlEvents = {
  caughtUp: "caught-up",
  resync: "resync",
  heartbeat: "heartbeat",
} as const;
export const caughtUpSchema = z.object({ seq: z.number().int().nonnegative(), serverTime: timestamp });
export const resyncSchema = z.object({ reason: z.enum(["too_far_behind", "unknown_position"]), seq: z.number() });
export const heartbeatSchema = z.object({ serverTime: timestamp, seq: z.number() });
