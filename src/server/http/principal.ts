// Who is calling, once identified: a person (by cookie) or a bot platform (by organization API key).
import type { Role } from "../../shared/people";

export type Principal =
  | { kind: "user"; orgId: string; userId: string; roles: Role[] }
  | { kind: "apiKey"; orgId: string; keyId: string };

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
  }
}
