// The customer chat widget's API. Any web page may embed the widget, so these routes answer cross-origin
// requests; each customer holds a token for their one conversation, never an organization key.
import cors from "@fastify/cors";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { messageSchema, postMessageSchema } from "../../../shared/messages";
import { widgetConversationSchema, widgetHandoffResponseSchema, widgetHandoffSchema } from "../../../shared/widget";
import { notFound } from "../../domain/errors";
import { postMessage } from "../../domain/messages";
import { getOrganization } from "../../domain/organizations";
import { createHandoff } from "../../domain/sessions/handoff";
import { customerFilter } from "../../domain/visibility";
import { endByCustomer, widgetConversation } from "../../domain/widget";
import { readLastSeq } from "../../events/log";
import { admit, customerOf, identifyCustomer } from "../auth";
import { serveEventStream, streamHeadersSchema, streamQuerySchema } from "../event-stream";
import { errorResponses } from "../responses";
import { announceTyping } from "../typing";

export const widgetRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, writer, clock } = app.services;
  const tags = ["widget"];
  // Tokens travel in headers, never cookies, so any origin may call.
  await app.register(cors, {
    origin: "*",
    methods: ["GET", "POST"],
    allowedHeaders: ["authorization", "content-type"],
  });

  app.post(
    "/widget/handoffs",
    {
      schema: {
        tags,
        summary: "A customer asks the web chat for a human; returns the conversation's customer token",
        body: widgetHandoffSchema,
        response: { 201: widgetHandoffResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { orgId, bot, customer, attributes, history } = request.body;
      await getOrganization(db, orgId).catch(() => {
        throw notFound("organization", "orgId");
      });
      const result = await writer.run(orgId, (ctx) =>
        createHandoff(ctx, { customer, bot, attributes, history, channel: { name: "Website", type: "web" } }),
      );
      return reply.code(201).send({ conversationId: result.conversationId, customerToken: result.customerToken });
    },
  );

  app.get(
    "/widget/conversation",
    { onRequest: admit("customer"), schema: { tags, response: { 200: widgetConversationSchema, ...errorResponses } } },
    async (request) => {
      const { orgId, conversationId } = customerOf(request);
      const seq = await readLastSeq(db, orgId);
      return { serverTime: clock.now().toISOString(), seq, ...(await widgetConversation(db, conversationId)) };
    },
  );

  app.post(
    "/widget/messages",
    {
      onRequest: admit("customer"),
      schema: {
        tags,
        body: postMessageSchema,
        response: { 200: messageSchema, 201: messageSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { orgId, conversationId } = customerOf(request);
      const { message, created } = await writer.run(orgId, (ctx) =>
        postMessage(ctx, conversationId, { kind: "customer" }, request.body),
      );
      return reply.code(created ? 201 : 200).send(message);
    },
  );

  app.post(
    "/widget/typing",
    { onRequest: admit("customer"), schema: { tags, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      const { orgId, conversationId } = customerOf(request);
      const { customerName } = await widgetConversation(db, conversationId);
      await announceTyping(app.services, orgId, { conversationId, from: "customer", name: customerName });
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/widget/end",
    { onRequest: admit("customer"), schema: { tags, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      const { orgId, conversationId } = customerOf(request);
      await writer.run(orgId, (ctx) => endByCustomer(ctx, conversationId));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/widget/stream",
    {
      // EventSource sends no headers, so the customer token comes in the query.
      onRequest: [
        async (request) => {
          const token = (request.query as { token?: string }).token;
          if (token?.startsWith("sbc_")) request.principal = await identifyCustomer(app.services, token);
        },
        admit("customer"),
      ],
      schema: {
        tags,
        summary: "Server-Sent Events of the customer's conversation (EventSource sends no headers: token in the query)",
        querystring: streamQuerySchema.extend({ token: z.string().max(200).optional() }),
        headers: streamHeadersSchema,
      },
    },
    async (request, reply) => {
      const { orgId, conversationId } = customerOf(request);
      return serveEventStream(app.services, request, reply, {
        orgId,
        after: request.query.after,
        filter: customerFilter(conversationId),
      });
    },
  );
};
