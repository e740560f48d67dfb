// The audit log's contract: configuration changes, who made them, before and after (PRODUCT.md, "Audit").
import { z } from "zod";
import { id, timestamp } from "./common";

export const auditKinds = ["team", "membership", "routing_rule", "settings", "quick_response", "agent_status"] as const;
export type AuditKind = (typeof auditKinds)[number];

export const auditEntrySchema = z
  .object({
    id,
    at: timestamp,
    actor: z.object({ id: id.nullable(), name: z.string() }),
    kind: z.enum(auditKinds),
    action: z.enum(["created", "updated", "deleted"]),
    subjectId: id.nullable(),
    summary: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: "AuditEntry" });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.object({
  kind: z.enum(auditKinds).optional(),
  userId: id.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() });
