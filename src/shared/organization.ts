// Teams, bots, routing rules and API keys of an organization (PRODUCT.md, "Routing and assignment").
import { z } from "zod";
import { id, name, timestamp } from "./common";

export const teamName = z
  .string()
  .max(50)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "starts with a letter; letters, digits and _ only");
export const description = z.string().max(200);

export const teamSchema = z
  .object({
    id,
    name: z.string(),
    description: z.string(),
    isDefault: z.boolean(),
    memberIds: z.array(id),
    /** Live load: sessions of this team queued and active now. */
    queued: z.number().int(),
    active: z.number().int(),
  })
  .meta({ id: "Team" });
export const createTeamSchema = z.object({ name: teamName, description: description.default("") });
export const updateTeamSchema = z
  .object({ name: teamName, description, isDefault: z.literal(true) })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to update");
export const memberParams = z.object({ id, userId: id });

export const botSchema = z.object({ id, name: z.string() }).meta({ id: "Bot" });
export const botBodySchema = z.object({ name: name(100) });

export const conditionSchema = z.object({ key: z.string().min(1).max(100), value: z.string().max(500) });
export const routingRuleSchema = z
  .object({
    id,
    name: z.string(),
    description: z.string(),
    conditions: z.array(conditionSchema),
    teamId: id,
    enabled: z.boolean(),
    createdAt: timestamp,
  })
  .meta({ id: "RoutingRule" });
const routingRuleFields = z.object({
  name: name(50),
  description,
  conditions: z.array(conditionSchema).min(1).max(20),
  teamId: id,
  enabled: z.boolean(),
});
export const createRoutingRuleSchema = routingRuleFields.extend({
  description: description.default(""),
  enabled: z.boolean().default(true),
});
// Built from the fields without defaults: zod applies a default even inside .partial(), so an edit of one
// field would otherwise also reset the description and re-enable the rule.
export const updateRoutingRuleSchema = routingRuleFields
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to update");

export const apiKeySchema = z
  .object({ id, name: z.string(), prefix: z.string(), createdAt: timestamp, revoked: z.boolean() })
  .meta({ id: "ApiKey" });
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });
