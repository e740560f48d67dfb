// The customer chat widget's contract. The widget authenticates with a per-conversation token issued at
// hand-off (`Authorization: Bearer sbc_…`, or `?token=` on the event stream), never an organization key.
import { z } from "zod";
import { id, name, timestamp } from "./common";
import { messageSchema } from "./messages";
import { historyEntrySchema } from "./sessions";

export const widgetHandoffSchema = z
  .object({
    orgId: id,
    bot: z.object({ name: name(100) }),
    customer: z.object({ name: name(200), email: z.email().max(320).optional() }),
    attributes: z.record(z.string().min(1).max(100), z.string().max(500)).default({}),
    history: z.array(historyEntrySchema).max(100).default([]),
  })
  .meta({ id: "WidgetHandoff" });

export const widgetHandoffResponseSchema = z.object({ conversationId: id, customerToken: z.string() });

export const widgetConversationSchema = z
  .object({
    serverTime: timestamp,
    seq: z.number().int().nonnegative(),
    conversationId: id,
    customerName: z.string(),
    status: z.enum(["queued", "active", "ended"]),
    queuedAt: timestamp,
    acceptedAt: timestamp.nullable(),
    agentName: z.string().nullable(),
    /** The conversation as the customer sees it: no internal notes. */
    messages: z.array(messageSchema),
  })
  .meta({ id: "WidgetConversation" });
export type WidgetConversation = z.infer<typeof widgetConversationSchema>;
