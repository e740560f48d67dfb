// Messages of a conversation: the customer (through an API key) and the agent in the chat write.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParams } from "../../../shared/common";
import { messageListSchema, messageSchema, postMessageSchema } from "../../../shared/messages";
import { isAgentOfConversation } from "../../domain/agent-inbox";
import { forbidden } from "../../domain/errors";
import { conversationOf, listMessages, postMessage } from "../../domain/messages";
import { getUser } from "../../domain/users";
import { actorOf, admit, principalOf, userOf } from "../auth";
import { errorResponses } from "../responses";
import { announceTyping } from "../typing";

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

  app.post(
    "/conversations/:id/typing",
    {
      onRequest: admit("agent"),
      schema: { tags: ["conversations"], params: idParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      const me = userOf(request);
      await conversationOf(db, me.orgId, request.params.id);
      if (!(await isAgentOfConversation(db, request.params.id, me.userId))) {
        throw forbidden("Only the agent in this chat can type in it.");
      }
      const user = await getUser(db, me.orgId, me.userId);
      await announceTyping(app.services, me.orgId, {
        conversationId: request.params.id,
        from: "agent",
        name: user.name,
      });
      return reply.code(204).send(null);
    },
  );
};
