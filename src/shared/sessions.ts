// The life of a chat request: hand-off, session legs, the Live Sessions snapshot (PRODUCT.md, "Words").
import { z } from "zod";
import { id, name, ref, timestamp } from "./common";

export const sessionStatuses = ["queued", "active", "ended"] as const;
export type SessionStatus = (typeof sessionStatuses)[number];
export const endReasons = ["resolved", "transferred", "customer_left", "timed_out"] as const;
export type EndReason = (typeof endReasons)[number];
export const endedByKinds = ["agent", "customer", "supervisor", "system"] as const;

export const channelSchema = z.object({ name: name(100), type: name(50) });

/** One row of Live Sessions: ids and names of everything the seed's columns show. */
export const liveSessionSchema = z
  .object({
    id,
    conversationId: id,
    status: z.enum(["queued", "active"]),
    customer: ref,
    agent: ref.nullable(),
    team: ref,
    bot: ref,
    channel: channelSchema,
    queuedAt: timestamp,
    acceptedAt: timestamp.nullable(),
  })
  .meta({ id: "LiveSession" });
export type LiveSession = z.infer<typeof liveSessionSchema>;

export const liveSessionsSnapshotSchema = z
  .object({
    serverTime: timestamp,
    seq: z.number().int().nonnegative(),
    sessions: z.array(liveSessionSchema),
  })
  .meta({ id: "LiveSessionsSnapshot" });
export type LiveSessionsSnapshot = z.infer<typeof liveSessionsSnapshotSchema>;

export const sessionSchema = z
  .object({
    id,
    conversationId: id,
    status: z.enum(sessionStatuses),
    teamId: id,
    agentId: id.nullable(),
    routingRuleId: id.nullable(),
    previousSessionId: id.nullable(),
    transferNote: z.string().nullable(),
    queuedAt: timestamp,
    acceptedAt: timestamp.nullable(),
    endedAt: timestamp.nullable(),
    endReason: z.enum(endReasons).nullable(),
  })
  .meta({ id: "Session" });
export type Session = z.infer<typeof sessionSchema>;

const attributeKey = z.string().min(1).max(100);
export const historyEntrySchema = z.object({
  author: z.enum(["customer", "bot"]),
  body: z.string().min(1).max(4000),
  at: timestamp.optional(),
});

export const handoffRequestSchema = z
  .object({
    customer: z.object({
      name: name(200),
      email: z.email().max(320).optional(),
      externalId: z.string().min(1).max(200).optional(),
    }),
    channel: channelSchema,
    bot: z.union([z.object({ id }), z.object({ name: name(100) })]),
    attributes: z.record(attributeKey, z.string().max(500)).default({}),
    history: z.array(historyEntrySchema).max(500).default([]),
  })
  .meta({ id: "HandoffRequest" });
export type HandoffRequest = z.input<typeof handoffRequestSchema>;

export const handoffResponseSchema = z
  .object({
    conversationId: id,
    sessionId: id,
    team: ref,
    routingRuleId: id.nullable(),
    /** The customer's credential for this conversation alone (`sbc_…`): what a chat widget uses. */
    customerToken: z.string(),
  })
  .meta({ id: "HandoffResponse" });

export const transferRequestSchema = z.object({ teamId: id, note: z.string().trim().max(1000).optional() });
export const transferResponseSchema = z.object({ ended: sessionSchema, queued: sessionSchema });
export const endRequestSchema = z.object({ reason: z.enum(["resolved", "customer_left"]).optional() }).default({});
