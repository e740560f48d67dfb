// Time is the server's. The browser's wall clock may be minutes or hours off, so timers run on the
// server's time: a sample of the server clock plus the monotonic time elapsed since (performance.now),
// which the browser's own clock setting cannot disturb. The sample with the shortest round trip wins.
export class ServerClock {
  private serverMsAtSample: number | null = null;
  private perfAtSample = 0;
  private bestRoundTrip = Number.POSITIVE_INFINITY;
  private sampledAt = 0;

  /** A response carrying `serverTime`, sent and received at these performance.now() instants. */
  observe(serverTime: string, sentAt: number, receivedAt: number) {
    const roundTrip = receivedAt - sentAt;
    // Prefer tight samples, but refresh now and then so a long-lived page follows drift.
    const stale = receivedAt - this.sampledAt > 10 * 60_000;
    if (roundTrip > this.bestRoundTrip && !stale && this.serverMsAtSample !== null) return;
    this.bestRoundTrip = roundTrip;
    this.serverMsAtSample = Date.parse(serverTime) + roundTrip / 2;
    this.perfAtSample = receivedAt;
    this.sampledAt = receivedAt;
  }

  /** The server's time now, in ms since the epoch. */
  now(): number {
    if (this.serverMsAtSample === null) return Date.now();
    return this.serverMsAtSample + (performance.now() - this.perfAtSample);
  }
}

export const serverClock = new ServerClock();
