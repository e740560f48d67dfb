// People who sign in, and the live agent status they carry (PRODUCT.md: online shown as Active).
import { z } from "zod";
import { id, name, ref, timestamp } from "./common";

export const roles = ["admin", "supervisor", "agent"] as const;
export type Role = (typeof roles)[number];
export const agentStatuses = ["online", "away", "offline"] as const;
export type AgentStatus = (typeof agentStatuses)[number];

export const loginRequestSchema = z.object({ email: z.email().max(320), password: z.string().min(1).max(200) });

export const userSchema = z
  .object({
    id,
    orgId: id,
    email: z.string(),
    name: z.string(),
    roles: z.array(z.enum(roles)),
    status: z.enum(agentStatuses),
    statusChangedAt: timestamp,
    onlineSince: timestamp.nullable(),
  })
  .meta({ id: "User" });
export type User = z.infer<typeof userSchema>;

export const meSchema = z.object({ user: userSchema, organization: ref, serverTime: timestamp }).meta({ id: "Me" });

export const agentSchema = userSchema
  .extend({ teams: z.array(ref), activeChats: z.number().int().nonnegative() })
  .meta({ id: "Agent" });
export type Agent = z.infer<typeof agentSchema>;

export const createUserSchema = z.object({
  email: z.email().max(320),
  name: name(200),
  password: z.string().min(8).max(200),
  roles: z.array(z.enum(roles)).min(1),
  teamIds: z.array(id).default([]),
});
export const updateUserSchema = z
  .object({ name: name(200), roles: z.array(z.enum(roles)).min(1) })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to update");
export const statusChangeSchema = z.object({ status: z.enum(agentStatuses) });
