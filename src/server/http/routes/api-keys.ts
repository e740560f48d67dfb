// Organization API keys for bot platforms; the key itself is shown once, at creation.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParams } from "../../../shared/common";
import { apiKeySchema, createdApiKeySchema } from "../../../shared/organization";
import { createApiKey, listApiKeys, revokeApiKey } from "../../domain/auth";
import { admit, userOf } from "../auth";
import { errorResponses } from "../responses";

export const apiKeyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, credentials } = app.services;
  const tags = ["api keys"];

  app.get(
    "/api-keys",
    {
      onRequest: admit("admin"),
      schema: { tags, response: { 200: z.object({ keys: z.array(apiKeySchema) }), ...errorResponses } },
    },
    async (request) => ({ keys: await listApiKeys(db, userOf(request).orgId) }),
  );

  app.post(
    "/api-keys",
    {
      onRequest: admit("admin"),
      schema: {
        tags,
        body: z.object({ name: z.string().trim().min(1).max(100) }),
        response: { 201: createdApiKeySchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createApiKey(db, userOf(request).orgId, request.body.name, clock.now())),
  );

  app.delete(
    "/api-keys/:id",
    { onRequest: admit("admin"), schema: { tags, params: idParams, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await revokeApiKey(db, userOf(request).orgId, request.params.id, clock.now());
      credentials.clear();
      // Other processes may honour the revoked key for a few seconds more (CredentialCache).
      return reply.code(204).send(null);
    },
  );
};
