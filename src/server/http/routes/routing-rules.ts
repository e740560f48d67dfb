// Routing rules, in precedence order (newest first), and a dry run of routing.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParams, ref } from "../../../shared/common";
import { createRoutingRuleSchema, routingRuleSchema, updateRoutingRuleSchema } from "../../../shared/organization";
import { createRule, deleteRule, listRules, testRouting, updateRule } from "../../domain/routing-rules";
import { actorOf, admit, userOf } from "../auth";
import { errorResponses } from "../responses";

export const routingRuleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, writer } = app.services;
  const tags = ["routing rules"];

  app.get(
    "/routing-rules",
    {
      onRequest: admit("supervisor"),
      schema: { tags, response: { 200: z.object({ rules: z.array(routingRuleSchema) }), ...errorResponses } },
    },
    async (request) => ({ rules: await listRules(db, userOf(request).orgId) }),
  );

  app.post(
    "/routing-rules",
    {
      onRequest: admit("supervisor"),
      schema: { tags, body: createRoutingRuleSchema, response: { 201: routingRuleSchema, ...errorResponses } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await writer.run(userOf(request).orgId, (ctx) => createRule(ctx, request.body, actorOf(userOf(request)))),
        ),
  );

  app.patch(
    "/routing-rules/:id",
    {
      onRequest: admit("supervisor"),
      schema: {
        tags,
        params: idParams,
        body: updateRoutingRuleSchema,
        response: { 200: routingRuleSchema, ...errorResponses },
      },
    },
    async (request) =>
      writer.run(userOf(request).orgId, (ctx) =>
        updateRule(ctx, request.params.id, request.body, actorOf(userOf(request))),
      ),
  );

  app.delete(
    "/routing-rules/:id",
    {
      onRequest: admit("supervisor"),
      schema: { tags, params: idParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await writer.run(userOf(request).orgId, (ctx) => deleteRule(ctx, request.params.id, actorOf(userOf(request))));
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/routing-rules/test",
    {
      onRequest: admit("supervisor"),
      schema: {
        tags,
        summary: "Which rule and team a request with these attributes would reach",
        body: z.object({ attributes: z.record(z.string().min(1).max(100), z.string().max(500)) }),
        response: { 200: z.object({ rule: routingRuleSchema.nullable(), team: ref }), ...errorResponses },
      },
    },
    async (request) => testRouting(db, userOf(request).orgId, request.body.attributes),
  );
};
