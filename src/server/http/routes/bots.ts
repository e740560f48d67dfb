// Bots of the organization.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParams } from "../../../shared/common";
import { botBodySchema, botSchema } from "../../../shared/organization";
import { createBot, deleteBot, listBots, renameBot } from "../../domain/bots";
import { admit, principalOf, userOf } from "../auth";
import { errorResponses } from "../responses";

export const botRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, writer } = app.services;
  const tags = ["bots"];

  app.get(
    "/bots",
    {
      onRequest: admit("apiKey", "agent", "supervisor"),
      schema: { tags, response: { 200: z.object({ bots: z.array(botSchema) }), ...errorResponses } },
    },
    async (request) => ({ bots: await listBots(db, principalOf(request).orgId) }),
  );

  app.post(
    "/bots",
    {
      onRequest: admit("apiKey", "admin"),
      schema: { tags, body: botBodySchema, response: { 201: botSchema, ...errorResponses } },
    },
    async (request, reply) =>
      reply.code(201).send(await writer.run(principalOf(request).orgId, (ctx) => createBot(ctx, request.body.name))),
  );

  app.patch(
    "/bots/:id",
    {
      onRequest: admit("admin"),
      schema: { tags, params: idParams, body: botBodySchema, response: { 200: botSchema, ...errorResponses } },
    },
    async (request) => writer.run(userOf(request).orgId, (ctx) => renameBot(ctx, request.params.id, request.body.name)),
  );

  app.delete(
    "/bots/:id",
    { onRequest: admit("admin"), schema: { tags, params: idParams, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await writer.run(userOf(request).orgId, (ctx) => deleteBot(ctx, request.params.id));
      return reply.code(204).send(null);
    },
  );
};
