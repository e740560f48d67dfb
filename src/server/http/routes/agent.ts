// The live agent's inbox and live stream: their teams' queue and their own chats.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { agentInboxSchema } from "../../../shared/agent-console";
import { agentInbox, conversationsOfAgent } from "../../domain/agent-inbox";
import { agentFilter } from "../../domain/visibility";
import { readLastSeq } from "../../events/log";
import { admit, userOf } from "../auth";
import { serveEventStream, streamHeadersSchema, streamQuerySchema } from "../event-stream";
import { errorResponses } from "../responses";

export const agentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.services;
  const tags = ["agent console"];

  app.get(
    "/agent/inbox",
    { onRequest: admit("agent"), schema: { tags, response: { 200: agentInboxSchema, ...errorResponses } } },
    async (request) => {
      const { orgId, userId } = userOf(request);
      // One snapshot of the database: the lists and the sequence number agree.
      return db.transaction(
        async (tx) => {
          const seq = await readLastSeq(tx as never, orgId);
          const { queued, chats } = await agentInbox(tx, orgId, userId);
          return { serverTime: clock.now().toISOString(), seq, queued, chats };
        },
        { isolationLevel: "repeatable read", accessMode: "read only" },
      );
    },
  );

  app.get(
    "/agent/stream",
    {
      onRequest: admit("agent"),
      schema: {
        tags,
        summary: "Server-Sent Events for one live agent: their teams' queue, their chats, typing",
        querystring: streamQuerySchema,
        headers: streamHeadersSchema,
      },
    },
    async (request, reply) => {
      const { orgId, userId } = userOf(request);
      const { queued, teamIds } = await agentInbox(db, orgId, userId);
      const filter = agentFilter({
        agentId: userId,
        teamIds,
        conversationIds: await conversationsOfAgent(db, userId),
        queuedSessionIds: queued.map((s) => s.id),
      });
      return serveEventStream(app.services, request, reply, { orgId, after: request.query.after, filter });
    },
  );
};
