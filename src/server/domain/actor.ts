// Who asks for a change. Role checks per route live in http; rules about *which* session an actor may
// touch (its own chat, its team's queue) live in the domain, next to the lifecycle.
import type { Role } from "../../shared/people";

export type Actor =
  | { kind: "user"; userId: string; roles: readonly Role[] }
  | { kind: "customer" }
  | { kind: "system" };

export const isSupervisor = (actor: Actor) =>
  actor.kind === "user" && (actor.roles.includes("supervisor") || actor.roles.includes("admin"));
export const systemActor: Actor = { kind: "system" };
