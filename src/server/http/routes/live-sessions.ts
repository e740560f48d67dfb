// Live Sessions: the snapshot (state plus the sequence number it is at) and the stream of changes after
// it. A client resumes with `Last-Event-ID` (or `?after=`), replays from the log, hears `caught-up`, then
// live events and heartbeats; when its position is no longer in the log it hears `resync`, refetches the
// snapshot and keeps the stream, applying only events after the snapshot's `seq`.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { liveSessionsSnapshotSchema } from "../../../shared/sessions";
import { admit, userOf } from "../auth";
import { serveEventStream, streamHeadersSchema, streamQuerySchema } from "../event-stream";
import { errorResponses } from "../responses";
import { snapshotBody } from "../snapshot-body";

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
    },
    async (request, reply) => {
      // The rows and the sequence number agree, and include every change committed before this request.
      const { seq, sessions } = await liveView.snapshot(userOf(request).orgId);
      // 10,000 rows built by one presenter are sent as bytes, not re-validated and serialized on the way
      // out (bench (c)); the schema above still documents them. Fastify sends a Buffer as it is, which the
      // route's schema-derived reply type cannot say.
      const body = snapshotBody({ serverTime: clock.now().toISOString(), seq, sessions });
      return reply.type("application/json; charset=utf-8").send(body as never);
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
