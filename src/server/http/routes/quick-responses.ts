// Quick responses: agents read them; admins and supervisors manage them.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { quickResponseBodySchema, quickResponsePatchSchema, quickResponseSchema } from "../../../shared/agent-console";
import { idParams } from "../../../shared/common";
import {
  createQuickResponse,
  deleteQuickResponse,
  listQuickResponses,
  updateQuickResponse,
} from "../../domain/quick-responses";
import { actorOf, admit, userOf } from "../auth";
import { errorResponses } from "../responses";

export const quickResponseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, writer } = app.services;
  const tags = ["quick responses"];

  app.get(
    "/quick-responses",
    {
      onRequest: admit("agent", "supervisor"),
      schema: {
        tags,
        response: { 200: z.object({ quickResponses: z.array(quickResponseSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ quickResponses: await listQuickResponses(db, userOf(request).orgId) }),
  );

  app.post(
    "/quick-responses",
    {
      onRequest: admit("supervisor"),
      schema: { tags, body: quickResponseBodySchema, response: { 201: quickResponseSchema, ...errorResponses } },
    },
    async (request, reply) => {
      const me = userOf(request);
      return reply
        .code(201)
        .send(await writer.run(me.orgId, (ctx) => createQuickResponse(ctx, request.body, actorOf(me))));
    },
  );

  app.patch(
    "/quick-responses/:id",
    {
      onRequest: admit("supervisor"),
      schema: {
        tags,
        params: idParams,
        body: quickResponsePatchSchema,
        response: { 200: quickResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const me = userOf(request);
      return writer.run(me.orgId, (ctx) => updateQuickResponse(ctx, request.params.id, request.body, actorOf(me)));
    },
  );

  app.delete(
    "/quick-responses/:id",
    {
      onRequest: admit("supervisor"),
      schema: { tags, params: idParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      const me = userOf(request);
      await writer.run(me.orgId, (ctx) => deleteQuickResponse(ctx, request.params.id, actorOf(me)));
      return reply.code(204).send(null);
    },
  );
};
