// The integration API's front door: a bot platform hands a customer over.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { handoffRequestSchema, handoffResponseSchema } from "../../../shared/sessions";
import { createHandoff } from "../../domain/sessions/handoff";
import { admit, principalOf } from "../auth";
import { errorResponses } from "../responses";

export const handoffRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/handoffs",
    {
      onRequest: admit("apiKey"),
      schema: {
        tags: ["integration"],
        summary: "Hand a customer over from a bot; the request is routed to a team and queued",
        security: [{ apiKey: [] }],
        body: handoffRequestSchema,
        response: { 201: handoffResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const result = await app.services.writer.run(orgId, (ctx) => createHandoff(ctx, request.body));
      return reply.code(201).send(result);
    },
  );
};
