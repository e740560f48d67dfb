// Accept, transfer and end a session leg.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParams } from "../../../shared/common";
import {
  endRequestSchema,
  sessionSchema,
  transferRequestSchema,
  transferResponseSchema,
} from "../../../shared/sessions";
import { closeSession } from "../../domain/agent-inbox";
import { acceptSession } from "../../domain/sessions/accept";
import { endSession } from "../../domain/sessions/end";
import { transferSession } from "../../domain/sessions/transfer";
import { actorOf, admit, principalOf, userOf } from "../auth";
import { errorResponses } from "../responses";

export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { writer } = app.services;

  app.post(
    "/sessions/:id/accept",
    {
      onRequest: admit("agent"),
      schema: { tags: ["sessions"], params: idParams, response: { 200: sessionSchema, ...errorResponses } },
    },
    async (request) => {
      const { orgId, userId } = userOf(request);
      return writer.run(orgId, (ctx) => acceptSession(ctx, request.params.id, userId));
    },
  );

  app.post(
    "/sessions/:id/transfer",
    {
      onRequest: admit("agent", "supervisor"),
      schema: {
        tags: ["sessions"],
        params: idParams,
        body: transferRequestSchema,
        response: { 200: transferResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const principal = userOf(request);
      return writer.run(principal.orgId, (ctx) =>
        transferSession(ctx, request.params.id, actorOf(principal), request.body),
      );
    },
  );

  app.post(
    "/sessions/:id/close",
    {
      onRequest: admit("agent"),
      schema: {
        tags: ["sessions"],
        description: "The agent closes a chat the customer ended; it leaves their Active list.",
        params: idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { orgId, userId } = userOf(request);
      await writer.run(orgId, (ctx) => closeSession(ctx, request.params.id, userId));
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/sessions/:id/end",
    {
      onRequest: admit("apiKey", "agent", "supervisor"),
      schema: {
        tags: ["sessions"],
        description: "Ends a queued or active session: by its agent, a supervisor, or the customer through an API key.",
        params: idParams,
        body: endRequestSchema,
        response: { 200: sessionSchema, ...errorResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return writer.run(principal.orgId, (ctx) =>
        endSession(ctx, request.params.id, actorOf(principal), request.body?.reason),
      );
    },
  );
};
