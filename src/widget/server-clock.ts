// The server's time on the customer's page, whose own clock may be hours off: an offset between the
// server's clock and performance.now() (monotonic, untouched by the page's clock setting). Each sample
// bounds the offset: the server stamped `serverTime` after the request left and before the answer came,
// so offset ∈ [serverTime − receivedAt, serverTime − sentAt]. A stream event (a heartbeat) has no known
// send time and bounds it from below only. The intersection of all bounds is the estimate; when samples
// disagree (the page slept, the server's clock was set) the newest one starts over.
export class ServerClock {
  private low = Number.NEGATIVE_INFINITY;
  private high = Number.POSITIVE_INFINITY;

  constructor(private readonly monotonicNow: () => number = () => performance.now()) {}

  /** A server timestamp heard at `receivedAt` (performance.now()), asked for at `sentAt` if known. */
  observe(serverTime: string, receivedAt: number, sentAt?: number) {
    const serverMs = Date.parse(serverTime);
    if (Number.isNaN(serverMs)) return;
    const low = serverMs - receivedAt;
    const high = sentAt === undefined ? Number.POSITIVE_INFINITY : serverMs - sentAt;
    if (low > this.high || high < this.low) {
      this.low = low;
      this.high = high;
      return;
    }
    this.low = Math.max(this.low, low);
    this.high = Math.min(this.high, high);
  }

  get isSynced() {
    return this.low > Number.NEGATIVE_INFINITY;
  }

  /** Server time minus performance.now(), in ms: the middle of what the samples allow. */
  offsetMs(): number | null {
    if (!this.isSynced) return null;
    return Number.isFinite(this.high) ? (this.low + this.high) / 2 : this.low;
  }

  /** The server's time now, in ms since the epoch; null before the first sample. */
  now(): number | null {
    const offset = this.offsetMs();
    return offset === null ? null : offset + this.monotonicNow();
  }
}
