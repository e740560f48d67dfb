// The live agent's view (PRODUCT.md, "Agent console"): their teams' queue and their own chats, with the
// details a preview needs, and quick responses.
import { z } from "zod";
import { id, timestamp } from "./common";
import { endReasons, liveSessionSchema } from "./sessions";

/** A session as an agent sees it: the Live Sessions row plus the customer's details and its leg's story. */
export const agentSessionSchema = liveSessionSchema
  .extend({
    status: z.enum(["queued", "active", "ended"]),
    customerEmail: z.string().nullable(),
    attributes: z.record(z.string(), z.string()),
    previousSessionId: id.nullable(),
    transferNote: z.string().nullable(),
    endedAt: timestamp.nullable(),
    endReason: z.enum(endReasons).nullable(),
  })
  .meta({ id: "AgentSession" });
export type AgentSession = z.infer<typeof agentSessionSchema>;

export const agentInboxSchema = z
  .object({
    serverTime: timestamp,
    seq: z.number().int().nonnegative(),
    /** Queued requests of the agent's teams, longest wait first. */
    queued: z.array(agentSessionSchema),
    /** The agent's active chats, and chats the customer ended that the agent has not closed yet. */
    chats: z.array(agentSessionSchema),
  })
  .meta({ id: "AgentInbox" });
export type AgentInbox = z.infer<typeof agentInboxSchema>;

export const quickResponseSchema = z
  .object({ id, shortcut: z.string(), body: z.string(), createdAt: timestamp })
  .meta({ id: "QuickResponse" });
export type QuickResponse = z.infer<typeof quickResponseSchema>;
export const quickResponseBodySchema = z.object({
  shortcut: z
    .string()
    .min(1)
    .max(30)
    .regex(/^[A-Za-z0-9_-]+$/, "letters, digits, _ and - only"),
  body: z.string().trim().min(1).max(2000),
});
export const quickResponsePatchSchema = quickResponseBodySchema
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to update");

/** Ephemeral, never logged: someone is typing in a conversation. Sent as the SSE event `typing`. */
export const typingSchema = z.object({
  conversationId: id,
  from: z.enum(["customer", "agent"]),
  name: z.string(),
});
export type Typing = z.infer<typeof typingSchema>;
