// Fans an organization's events out to its live streams. Each stream is either live (receives events as
// they are published) or catching up (reads the log from where it is until it reaches the head). Events
// reach a stream in sequence order, each once; a gap never gets skipped, it gets read from the log.
import type { LiveEvent } from "../../shared/events";
import type { Db } from "../db/client";
import { readEventsAfter, readLastSeq } from "./log";

const PAGE = 1000;

export interface StreamSink {
  /**
   * Writes SSE frames (one or several events, in order); false when the client is too far behind to keep.
   * A whole batch for a stream that sees every event comes as one Buffer, encoded once for all such streams.
   */
  write(frames: string | Buffer): boolean;
  caughtUp(seq: number): void;
  close(): void;
}

/**
 * What one stream may see, for streams narrower than a supervisor's (an agent's teams and chats, a
 * customer's conversation). `accepts` is asked once per event, in sequence order, so it may keep state.
 */
export interface StreamFilter {
  accepts(event: LiveEvent): boolean;
  acceptsEphemeral(name: string, data: unknown): boolean;
}

interface Stream {
  sink: StreamSink;
  sentSeq: number;
  live: boolean;
  closed: boolean;
  filter?: StreamFilter;
  /** An open connection (not an in-process observer). */
  connection: boolean;
}

/** Reads an organization's events inside this process, in sequence order, each once. */
export interface EventObserver {
  apply(event: LiveEvent): void;
  /** The hub stopped feeding it (a gap it could not read, or shutdown): what it holds is no longer kept. */
  close(): void;
}

interface OrgChannel {
  orgId: string;
  headSeq: number;
  streams: Set<Stream>;
  ready: Promise<void>;
  fetching: boolean;
  wantedSeq: number;
}

export function sseFrame(event: LiveEvent): string {
  return `id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`;
}

export class StreamHub {
  private readonly channels = new Map<string, OrgChannel>();

  constructor(
    private readonly db: Db,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Starts a stream after `afterSeq`; replays from the log first, then goes live. */
  async subscribe(orgId: string, afterSeq: number, sink: StreamSink, filter?: StreamFilter): Promise<() => void> {
    return this.attach(orgId, { sink, sentSeq: afterSeq, live: false, closed: false, filter, connection: true });
  }

  /** Feeds `observer` every event after `afterSeq`, like a stream that keeps its events instead of sending them. */
  observe(orgId: string, afterSeq: number, observer: EventObserver): Promise<() => void> {
    let failed = false;
    const sink: StreamSink = { write: () => true, caughtUp: () => {}, close: () => observer.close() };
    const filter: StreamFilter = {
      // An observer that fails is closed (it unsubscribes); the commit it was told of is not its to fail.
      accepts: (event) => {
        if (failed) return false;
        try {
          observer.apply(event);
        } catch (error) {
          failed = true;
          this.onError(error);
          queueMicrotask(() => observer.close());
        }
        return false;
      },
      acceptsEphemeral: () => false,
    };
    return this.attach(orgId, { sink, sentSeq: afterSeq, live: false, closed: false, filter, connection: false });
  }

  private async attach(orgId: string, stream: Stream): Promise<() => void> {
    const channel = this.channel(orgId);
    await channel.ready;
    channel.streams.add(stream);
    void this.catchUp(orgId, channel, stream);
    return () => this.drop(orgId, channel, stream);
  }

  /** The current head of an organization's log, as this hub knows it. */
  async headSeq(orgId: string): Promise<number> {
    const channel = this.channel(orgId);
    await channel.ready;
    return channel.headSeq;
  }

  /** How many live streams this process holds for an organization (each is one open connection). */
  streamCount(orgId: string): number {
    let count = 0;
    for (const stream of this.channels.get(orgId)?.streams ?? []) if (stream.connection) count++;
    return count;
  }

  /** Events this process committed, in order: delivered without a database round trip. */
  deliver(orgId: string, events: LiveEvent[]) {
    const channel = this.channels.get(orgId);
    if (!channel || events.length === 0) return;
    const fresh = events.filter((e) => e.seq > channel.headSeq);
    if (fresh.length === 0) return;
    if (fresh[0].seq === channel.headSeq + 1 && isContiguous(fresh)) this.publish(channel, fresh);
    else this.ring(orgId, fresh[fresh.length - 1].seq);
  }

  /** A doorbell: the log of `orgId` has grown to `seq`. Reads what this hub has not seen yet. */
  ring(orgId: string, seq: number) {
    const channel = this.channels.get(orgId);
    if (!channel || seq <= channel.headSeq) return;
    channel.wantedSeq = Math.max(channel.wantedSeq, seq);
    if (!channel.fetching) void this.fetch(orgId, channel);
  }

  /** After a lost bus connection: anything may have been missed, so every channel re-reads. */
  ringAll() {
    for (const [orgId, channel] of this.channels) {
      channel.wantedSeq = Number.MAX_SAFE_INTEGER;
      if (!channel.fetching) void this.fetch(orgId, channel);
    }
  }

  close() {
    for (const channel of this.channels.values()) for (const stream of channel.streams) stream.sink.close();
    this.channels.clear();
  }

  private channel(orgId: string): OrgChannel {
    let channel = this.channels.get(orgId);
    if (!channel) {
      const created: OrgChannel = {
        orgId,
        headSeq: 0,
        streams: new Set(),
        ready: Promise.resolve(),
        fetching: false,
        wantedSeq: 0,
      };
      created.ready = readLastSeq(this.db, orgId).then((seq) => {
        created.headSeq = Math.max(created.headSeq, seq);
      });
      this.channels.set(orgId, created);
      channel = created;
    }
    return channel;
  }

  private async fetch(orgId: string, channel: OrgChannel) {
    channel.fetching = true;
    try {
      while (channel.wantedSeq > channel.headSeq) {
        const events = await readEventsAfter(this.db, orgId, channel.headSeq, PAGE);
        if (events.length === 0) break;
        this.publish(
          channel,
          events.filter((e) => e.seq > channel.headSeq),
        );
      }
      channel.wantedSeq = Math.min(channel.wantedSeq, channel.headSeq);
    } catch (error) {
      this.onError(error);
    } finally {
      channel.fetching = false;
    }
  }

  private publish(channel: OrgChannel, events: LiveEvent[]) {
    if (events.length === 0) return;
    channel.headSeq = events[events.length - 1].seq;
    const frames = events.map(sseFrame);
    // The whole batch as bytes, encoded once for every stream that sees all of it.
    let all: Buffer | undefined;
    const whole = () => {
      all ??= Buffer.from(frames.join(""));
      return all;
    };
    for (const stream of channel.streams) {
      if (!stream.live) continue;
      const first = events.findIndex((e) => e.seq > stream.sentSeq);
      if (first === -1) continue;
      if (events[first].seq !== stream.sentSeq + 1) {
        stream.live = false;
        void this.catchUp(channel.orgId, channel, stream);
        continue;
      }
      // One write per stream per batch: a hundred streams cost a hundred writes, not a hundred per event.
      const batchFrames = stream.filter
        ? filteredFrames(stream.filter, events.slice(first), frames.slice(first))
        : first === 0
          ? whole()
          : frames.slice(first).join("");
      this.deliverTo(stream, batchFrames, events[events.length - 1].seq);
    }
  }

  /** Something that is not a change (someone typing): to the live streams that want it, never logged. */
  ephemeral(orgId: string, name: string, data: unknown) {
    const channel = this.channels.get(orgId);
    if (!channel) return;
    const frame = `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const stream of channel.streams) {
      if (!stream.live || stream.closed) continue;
      if (stream.filter && !stream.filter.acceptsEphemeral(name, data)) continue;
      stream.sink.write(frame);
    }
  }

  private deliverTo(stream: Stream, frames: string | Buffer, lastSeq: number) {
    if (frames.length === 0 || stream.sink.write(frames)) {
      stream.sentSeq = lastSeq;
      return;
    }
    stream.closed = true;
    stream.sink.close();
  }

  private async catchUp(orgId: string, channel: OrgChannel, stream: Stream) {
    try {
      for (;;) {
        if (stream.closed) return;
        if (stream.sentSeq >= channel.headSeq) {
          stream.live = true;
          stream.sink.caughtUp(stream.sentSeq);
          return;
        }
        const events = await readEventsAfter(this.db, orgId, stream.sentSeq, PAGE);
        if (stream.closed) return;
        if (events.length === 0) {
          // The log is behind what the hub was told; wait for the next publish to move things along.
          stream.live = true;
          stream.sink.caughtUp(stream.sentSeq);
          return;
        }
        const next = events.filter((e) => e.seq > stream.sentSeq);
        if (next.length === 0 || !isContiguous(next) || next[0].seq !== stream.sentSeq + 1) {
          throw new Error(`event log of ${orgId} has a gap after ${stream.sentSeq}`);
        }
        const frames = next.map(sseFrame);
        const text = stream.filter ? filteredFrames(stream.filter, next, frames) : frames.join("");
        this.deliverTo(stream, text, next[next.length - 1].seq);
        if (stream.closed) return;
        // Read past the head: the doorbell for it is still on its way, so fetch for the live streams now.
        if (stream.sentSeq > channel.headSeq) this.ring(orgId, stream.sentSeq);
      }
    } catch (error) {
      this.onError(error);
      stream.closed = true;
      stream.sink.close();
    }
  }

  private drop(orgId: string, channel: OrgChannel, stream: Stream) {
    stream.closed = true;
    channel.streams.delete(stream);
    if (channel.streams.size === 0 && !channel.fetching) this.channels.delete(orgId);
  }
}

function filteredFrames(filter: StreamFilter, events: LiveEvent[], frames: string[]): string {
  let text = "";
  for (let i = 0; i < events.length; i++) if (filter.accepts(events[i])) text += frames[i];
  return text;
}

function isContiguous(events: LiveEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i].seq !== events[i - 1].seq + 1) return false;
  return true;
}
