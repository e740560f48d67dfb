// Live Sessions: the snapshot (state plus the sequence number it is at) and the stream of changes after
// it. A client resumes with `Last-Event-ID` (or `?after=`), replays from the log, hears `caught-up`, then
// live events and heartbeats; when its position is no longer in the log it hears `resync`, refetches the
// snapshot and keeps the stream, applying only events after the snapshot's `seq`.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { controlEvents } from "../../../shared/events";
import { liveSessionsSnapshotSchema } from "../../../shared/sessions";
import { listLiveSessions } from "../../domain/sessions/present";
import { readFirstRetainedSeq, readLastSeq } from "../../events/log";
import { admit, userOf } from "../auth";
import { errorResponses } from "../responses";

const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export const liveSessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, hub, clock, config } = app.services;

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
      const { orgId } = userOf(request);
      // One snapshot of the database: the rows and the sequence number agree.
      return db.transaction(
        async (tx) => {
          const seq = await readLastSeq(tx as never, orgId);
          const sessions = await listLiveSessions(tx, orgId);
          return { serverTime: clock.now().toISOString(), seq, sessions };
        },
        { isolationLevel: "repeatable read", accessMode: "read only" },
      );
    },
  );

  app.get(
    "/live-sessions/stream",
    {
      onRequest: admit("supervisor"),
      schema: {
        tags: ["live sessions"],
        summary: "Server-Sent Events of the organization's changes; `id:` is the sequence number",
        querystring: z.object({ after: z.coerce.number().int().min(0).optional() }),
        headers: z.object({ "last-event-id": z.string().regex(/^\d+$/, "a sequence number").optional() }),
      },
    },
    async (request, reply) => {
      const { orgId } = userOf(request);
      const header = request.headers["last-event-id"];
      const requested = header !== undefined ? Number(header) : request.query.after;
      const head = await hub.headSeq(orgId);
      let after = requested ?? head;
      let resync: { reason: "too_far_behind" | "unknown_position"; seq: number } | null = null;
      if (after > head) resync = { reason: "unknown_position", seq: head };
      else if (head - after > config.MAX_REPLAY_EVENTS || after + 1 < (await readFirstRetainedSeq(db, orgId))) {
        resync = { reason: "too_far_behind", seq: head };
      }
      if (resync) after = head;

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      res.write(": switchboard live feed\nretry: 2000\n\n");
      if (resync) res.write(`event: ${controlEvents.resync}\ndata: ${JSON.stringify(resync)}\n\n`);

      let closed = false;
      let heartbeat: NodeJS.Timeout | undefined;
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe?.();
        res.end();
      };
      const unsubscribe: (() => void) | undefined = await hub.subscribe(orgId, after, {
        write: (frames) => {
          if (closed) return false;
          res.write(frames);
          // A client this far behind is cut off; it reconnects with Last-Event-ID and reads the log.
          return res.writableLength < MAX_BUFFERED_BYTES;
        },
        caughtUp: (seq) => {
          if (!closed)
            res.write(
              `event: ${controlEvents.caughtUp}\ndata: ${JSON.stringify({ seq, serverTime: clock.now().toISOString() })}\n\n`,
            );
        },
        close,
      });
      heartbeat = setInterval(async () => {
        const seq = await hub.headSeq(orgId).catch(() => 0);
        if (!closed)
          res.write(
            `event: ${controlEvents.heartbeat}\ndata: ${JSON.stringify({ serverTime: clock.now().toISOString(), seq })}\n\n`,
          );
      }, config.HEARTBEAT_SECONDS * 1000);
      request.raw.on("close", close);
      if (closed || res.destroyed) {
        closed = false;
        close();
      }
    },
  );
};
