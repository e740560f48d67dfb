// Serves a live stream as Server-Sent Events: resume after `Last-Event-ID` (or `?after=`), replay from the
// log, `caught-up`, then live events and heartbeats; `resync` when the position is not in the log. The
// same for every audience (supervisor, agent, customer); only the filter differs.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { controlEvents } from "../../shared/events";
import type { StreamFilter } from "../events/hub";
import { readFirstRetainedSeq } from "../events/log";
import type { Services } from "./services";

const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export const streamQuerySchema = z.object({ after: z.coerce.number().int().min(0).optional() });
export const streamHeadersSchema = z.object({
  "last-event-id": z.string().regex(/^\d+$/, "a sequence number").optional(),
});

const frame = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

export async function serveEventStream(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { orgId: string; after?: number; filter?: StreamFilter },
) {
  const { hub, db, clock, config } = services;
  const { orgId } = options;
  const header = request.headers["last-event-id"];
  const requested = typeof header === "string" && /^\d+$/.test(header) ? Number(header) : options.after;
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
    ...(reply.getHeaders() as Record<string, string>),
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  res.write(": switchboard live feed\nretry: 2000\n\n");
  if (resync) res.write(frame(controlEvents.resync, resync));

  let closed = false;
  let heartbeat: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe?.();
    res.end();
  };
  unsubscribe = await hub.subscribe(
    orgId,
    after,
    {
      write: (frames) => {
        if (closed) return false;
        res.write(frames);
        // A client this far behind is cut off; it reconnects with Last-Event-ID and reads the log.
        return res.writableLength < MAX_BUFFERED_BYTES;
      },
      caughtUp: (seq) => {
        if (!closed) res.write(frame(controlEvents.caughtUp, { seq, serverTime: clock.now().toISOString() }));
      },
      close,
    },
    options.filter,
  );
  heartbeat = setInterval(async () => {
    const seq = await hub.headSeq(orgId).catch(() => 0);
    if (!closed) res.write(frame(controlEvents.heartbeat, { serverTime: clock.now().toISOString(), seq }));
  }, config.HEARTBEAT_SECONDS * 1000);
  request.raw.on("close", close);
  if (res.destroyed) close();
}
