// Entry point of the SSE clients, run as their own process so their parsing does not share the server's or
// the load generator's event loop (MEASURED.md's baseline had its clients in another process too).
// Each client is one HTTP connection reading an event stream; every event received is stamped with the
// time it arrived, under a key that names the change (e.g. "session.queued:<session id>"). At the end the
// caller sends the time each change was committed, and the latencies are computed here, where the data is.
import http from "node:http";
import { createParser } from "eventsource-parser";
import { serveCalls } from "./child-process";
import { type LatencySummary, summarize, wallNow } from "./stats";

interface Stream {
  request: http.ClientRequest;
  ended: boolean;
}

export interface ConnectInput {
  url: string;
  cookie?: string;
  clients: number;
}

export interface ArrivalReport {
  clients: number;
  /** Events matched to a commit time, times clients: the number of latencies measured. */
  arrivals: number;
  /** Events that some client never received. */
  missing: number;
  /** Received − committed (the time the caller gives, e.g. when the change's HTTP response arrived). */
  fromCommit: LatencySummary;
  /** Received − the time the sender stamped into the event (the server's `at`, or the bare server's `sentAt`). */
  fromStamp: LatencySummary;
  streamsLost: number;
}

let streams: Stream[] = [];
let arrivals = new Map<string, number[]>();
let stamps = new Map<string, number>();

/** The change an event stands for, and the time its sender stamped on it. */
function keyOf(data: string): { key: string; stampedAt: number } | null {
  const event = JSON.parse(data);
  if (typeof event.sentAt === "number") return { key: event.key, stampedAt: event.sentAt };
  const sessionId = event.data?.session?.id ?? event.data?.sessionId;
  if (!sessionId) return null;
  return { key: `${event.type}:${sessionId}`, stampedAt: Date.parse(event.at) };
}

function record(data: string) {
  const receivedAt = wallNow();
  const found = keyOf(data);
  if (!found) return;
  let times = arrivals.get(found.key);
  if (!times) {
    times = [];
    arrivals.set(found.key, times);
    stamps.set(found.key, found.stampedAt);
  }
  times.push(receivedAt);
}

function openStream(input: ConnectInput): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { accept: "text/event-stream" };
    if (input.cookie) headers.cookie = `sb_session=${input.cookie}`;
    const request = http.get(input.url, { headers, agent: false });
    const stream: Stream = { request, ended: false };
    request.on("error", (error) => {
      stream.ended = true;
      reject(error);
    });
    request.on("response", (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`stream: HTTP ${response.statusCode}`));
        response.resume();
        return;
      }
      const parser = createParser({
        onEvent(event) {
          // A stream counts as connected once it is live: Switchboard says `caught-up`, the bare server too.
          if (event.event === "caught-up") resolve(stream);
          else if (event.event === undefined) record(event.data);
        },
      });
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => parser.feed(chunk));
      response.on("end", () => {
        stream.ended = true;
      });
      response.on("error", () => {
        stream.ended = true;
      });
    });
  });
}

function report(commits?: [string, number][]): ArrivalReport {
  const fromCommit: number[] = [];
  const fromStamp: number[] = [];
  let missing = 0;
  const keys = commits ?? [...arrivals.keys()].map((key) => [key, Number.NaN] as [string, number]);
  for (const [key, committedAt] of keys) {
    const times = arrivals.get(key) ?? [];
    if (times.length < streams.length) missing++;
    const stampedAt = stamps.get(key) ?? Number.NaN;
    for (const receivedAt of times) {
      if (!Number.isNaN(committedAt)) fromCommit.push(receivedAt - committedAt);
      fromStamp.push(receivedAt - stampedAt);
    }
  }
  return {
    clients: streams.length,
    arrivals: fromStamp.length,
    missing,
    fromCommit: summarize(fromCommit),
    fromStamp: summarize(fromStamp),
    streamsLost: streams.filter((s) => s.ended).length,
  };
}

serveCalls({
  async connect(input: ConnectInput) {
    // Opened in small groups, as browsers arriving would, rather than a hundred handshakes at once.
    for (let i = 0; i < input.clients; i += 10) {
      const group = Array.from({ length: Math.min(10, input.clients - i) }, () => openStream(input));
      streams.push(...(await Promise.all(group)));
    }
    return streams.length;
  },
  /** Forgets what arrived so far (the warm-up). */
  reset() {
    arrivals = new Map();
    stamps = new Map();
  },
  report: (commits?: [string, number][]) => report(commits),
  disconnect() {
    for (const stream of streams) stream.request.destroy();
    streams = [];
  },
  close() {
    for (const stream of streams) stream.request.destroy();
  },
});
