// Live Sessions: the snapshot (state plus the sequence number it is at) and the stream of changes after
// it. A client resumes with `Last-Event-ID` (or `?after=`), replays from the log, hears `caught-up`, then
// live events and heartbeats; when its position is no longer in the log it hears `resync`, refetches the
// snapshot and keeps the stream, applying only events after the snapshot's `seq`.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { liveSessionsSnapshotSchema } from "../../../shared/sessions";
import { admit, userOf } from "../auth";
import { serveEventStream, streamHeadersSchema, streamQuerySchema } from "../event-stream";
import { errorResponses } from "../responses";

export const liveSessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { liveView, clock } = app.services;

  app.get(
    "/live-sessions",
    {
      onRequest: admit("supervisor"),
      schema: {
        tags: ["live sessions"],
        summary: "Queued and active sessions, in the seed's order, with the sequence number they are at",
        response: { 200: liveSessionsSnapshotSchema, ...errorResponses },
      },
      // 10,000 rows built by one presenter: re-validating them on the way out would cost more than the
      // query (bench/RESULTS.md), so this response is serialized as is; the schema still documents it.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => {
      // The rows and the sequence number agree, and include every change committed before this request.
      const { seq, sessions } = await liveView.snapshot(userOf(request).orgId);
      return { serverTime: clock.now().toISOString(), seq, sessions };
    },
  );

  app.get(
    "/live-sessions/stream",
    {
      onRequest: admit("supervisor"),
      schema: {
        tags: ["live sessions"],
        summary: "Server-Sent Events of the organization's changes; `id:` is the sequence number",
        querystring: streamQuerySchema,
        headers: streamHeadersSchema,
      },
    },
    async (request, reply) =>
      serveEventStream(app.services, request, reply, { orgId: userOf(request).orgId, after: request.query.after }),
  );
};
