// Who is calling, once identified: a person (by cookie), a bot platform (by organization API key), or a
// customer in the chat widget (by the token of one conversation).
import type { Role } from "../../shared/people";

export type Principal =
  | { kind: "user"; orgId: string; userId: string; roles: Role[] }
  | { kind: "apiKey"; orgId: string; keyId: string }
  | { kind: "customer"; orgId: string; conversationId: string };

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
  }
}
