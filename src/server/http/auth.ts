// Who is calling: a person by the sign-in cookie, or a bot platform by an organization API key. Every
// route declares which of them it admits; the organization always comes from the credential, never from
// the request, so one organization can never name another's data.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Role } from "../../shared/people";
import type { Actor } from "../domain/actor";
import { conversationForCustomerToken, orgForApiKey, userForToken } from "../domain/auth";
import { DomainError } from "../domain/errors";
import type { Principal } from "./principal";
import type { Services } from "./services";

export const SESSION_COOKIE = "sb_session";

/** A customer token (`sbc_…`) admits its one conversation, and nothing else. */
export async function identifyCustomer(services: Services, token: string): Promise<Principal | null> {
  const nowMs = Date.now();
  const cached = services.credentials.get(`c:${token}`, nowMs);
  if (cached) return cached.principal;
  const found = await conversationForCustomerToken(services.db, token);
  const principal: Principal | null = found ? { kind: "customer", ...found } : null;
  services.credentials.set(`c:${token}`, principal, nowMs);
  return principal;
}

export async function identify(services: Services, request: FastifyRequest): Promise<Principal | null> {
  const header = request.headers.authorization;
  const nowMs = Date.now();
  if (header?.startsWith("Bearer ")) {
    const key = header.slice(7).trim();
    if (key.startsWith("sbc_")) return identifyCustomer(services, key);
    const cached = services.credentials.get(`k:${key}`, nowMs);
    if (cached) return cached.principal;
    const found = await orgForApiKey(services.db, key);
    const principal: Principal | null = found ? { kind: "apiKey", orgId: found.orgId, keyId: found.keyId } : null;
    services.credentials.set(`k:${key}`, principal, nowMs);
    return principal;
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const cached = services.credentials.get(`t:${token}`, nowMs);
  if (cached) return cached.principal;
  const user = await userForToken(services.db, token, services.clock.now());
  const principal: Principal | null = user
    ? { kind: "user", orgId: user.orgId, userId: user.id, roles: user.roles }
    : null;
  services.credentials.set(`t:${token}`, principal, nowMs);
  return principal;
}

type Admit = "apiKey" | "customer" | Role;

/** An onRequest hook that admits API keys and/or people holding one of the roles: before the body is read or
 * validated, so a caller who may not use the route learns nothing about its input. */
export function admit(...allowed: Admit[]) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const principal = request.principal;
    if (!principal)
      throw new DomainError("unauthenticated", "Sign in, or send an API key as `Authorization: Bearer …`.");
    if (principal.kind === "apiKey" || principal.kind === "customer") {
      if (!allowed.includes(principal.kind)) {
        const who = principal.kind === "apiKey" ? "An API key" : "A customer token";
        throw new DomainError("forbidden", `${who} cannot use this route.`);
      }
      return;
    }
    // An admin may do everything a supervisor may.
    const roles = principal.roles.includes("admin") ? [...principal.roles, "supervisor" as const] : principal.roles;
    if (!roles.some((role) => allowed.includes(role))) {
      const needed = allowed.filter((a) => a !== "apiKey" && a !== "customer").join(" or ");
      throw new DomainError("forbidden", `This needs the ${needed} role.`);
    }
  };
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError("unauthenticated", "Sign in first.");
  return request.principal;
}

export function actorOf(principal: Principal): Actor {
  return principal.kind === "user"
    ? { kind: "user", userId: principal.userId, roles: principal.roles }
    : { kind: "customer" };
}

/** The customer behind a widget request, with their one conversation. */
export function customerOf(request: FastifyRequest) {
  const principal = principalOf(request);
  if (principal.kind !== "customer") throw new DomainError("forbidden", "This needs a customer token.");
  return principal;
}

export function userOf(request: FastifyRequest) {
  const principal = principalOf(request);
  if (principal.kind !== "user") throw new DomainError("forbidden", "Sign in as a person to do this.");
  return principal;
}
