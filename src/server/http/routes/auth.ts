// Signing in and out, and who am I.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { loginRequestSchema, meSchema } from "../../../shared/people";
import { login, logout } from "../../domain/auth";
import { getOrganization } from "../../domain/organizations";
import { getUser } from "../../domain/users";
import { admit, SESSION_COOKIE, userOf } from "../auth";
import { errorResponses } from "../responses";

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config, credentials } = app.services;

  app.post(
    "/auth/login",
    { schema: { tags: ["auth"], body: loginRequestSchema, response: { 200: meSchema, ...errorResponses } } },
    async (request, reply) => {
      const now = clock.now();
      const session = await login(db, request.body.email, request.body.password, now, config.SESSION_TTL_HOURS);
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: config.COOKIE_SECURE,
        expires: session.expiresAt,
      });
      const organization = await getOrganization(db, session.user.orgId);
      return { user: session.user, organization, serverTime: now.toISOString() };
    },
  );

  app.post("/auth/logout", { schema: { tags: ["auth"], response: { 204: z.null() } } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      await logout(db, token);
      credentials.forget(`t:${token}`);
    }
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.code(204).send(null);
  });

  app.get(
    "/me",
    {
      onRequest: admit("admin", "supervisor", "agent"),
      schema: { tags: ["auth"], response: { 200: meSchema, ...errorResponses } },
    },
    async (request) => {
      const { orgId, userId } = userOf(request);
      const [user, organization] = await Promise.all([getUser(db, orgId, userId), getOrganization(db, orgId)]);
      return { user, organization, serverTime: clock.now().toISOString() };
    },
  );
};
