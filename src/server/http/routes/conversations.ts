// Messages of a conversation: the customer (through an API key) and the agent in the chat write.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { idParams } from "../../../shared/common";
import { messageListSchema, messageSchema, postMessageSchema } from "../../../shared/messages";
import { listMessages, postMessage } from "../../domain/messages";
import { actorOf, admit, principalOf } from "../auth";
import { errorResponses } from "../responses";

export const conversationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { writer, db } = app.services;

  app.post(
    "/conversations/:id/messages",
    {
      onRequest: admit("apiKey", "agent"),
      schema: {
        tags: ["conversations"],
        description:
          "Idempotent by `id`: sending the same id again returns the stored message (200) instead of a new one (201).",
        params: idParams,
        body: postMessageSchema,
        response: { 200: messageSchema, 201: messageSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { message, created } = await writer.run(principal.orgId, (ctx) =>
        postMessage(ctx, request.params.id, actorOf(principal), request.body),
      );
      return reply.code(created ? 201 : 200).send(message);
    },
  );

  app.get(
    "/conversations/:id/messages",
    {
      onRequest: admit("apiKey", "agent", "supervisor"),
      schema: { tags: ["conversations"], params: idParams, response: { 200: messageListSchema, ...errorResponses } },
    },
    async (request) => {
      const principal = principalOf(request);
      return { messages: await listMessages(db, principal.orgId, request.params.id, actorOf(principal)) };
    },
  );
};
