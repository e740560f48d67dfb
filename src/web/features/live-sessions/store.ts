// The state behind Live Sessions. It always knows the latest truth (snapshot + events in sequence order)
// and decides what the table shows: in the seed's mode the table stays as last refreshed and the updates
// are counted ("3 updates — Refresh"); in Live mode every update shows at once. A gap in the sequence or
// a `resync` from the server reloads the snapshot, so a missed event can never leave the page wrong.
import type { LiveEvent } from "../../../shared/events";
import { compareLiveSessions, removeOrdered, upsertOrdered } from "../../../shared/live-order";
import { applyLiveEvent, LiveSessionRows } from "../../../shared/live-sessions-apply";
import type { LiveSession, LiveSessionsSnapshot } from "../../../shared/sessions";
import type { FeedMessage } from "../../lib/live/feed";

export interface LiveSessionsView {
  /** What the table shows, in the seed's order. */
  rows: readonly LiveSession[];
  /** The latest truth, in the seed's order: header figures are always current. */
  latest: readonly LiveSession[];
  /** Updates since the last refresh (the seed's mode only). */
  pendingUpdates: number;
  /** Rows that just entered or changed (Live mode), for a brief highlight. */
  highlighted: ReadonlySet<string>;
  seq: number;
  status: "loading" | "ready" | "error";
  liveMode: boolean;
}

const HIGHLIGHT_MS = 2_000;

export class LiveSessionsStore {
  private latest = new LiveSessionRows();
  /** The latest rows in the seed's order, kept ordered by insertion instead of re-sorting 10,000 rows. */
  private ordered: LiveSession[] = [];
  private seq = -1;
  private buffered: LiveEvent[] | null = null;
  private refreshing: Promise<void> | null = null;
  private listeners = new Set<() => void>();
  private highlightTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private view: LiveSessionsView;

  constructor(
    private readonly fetchSnapshot: () => Promise<LiveSessionsSnapshot>,
    liveMode: boolean,
    private readonly onNewRequest: (session: LiveSession) => void = () => {},
  ) {
    this.view = {
      rows: [],
      latest: [],
      pendingUpdates: 0,
      highlighted: new Set(),
      seq: -1,
      status: "loading",
      liveMode,
    };
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getView = () => this.view;

  /** Loads the latest state; events that arrive meanwhile are kept and applied after it. */
  refresh(): Promise<void> {
    if (this.refreshing) return this.refreshing;
    this.buffered = [];
    this.refreshing = this.fetchSnapshot()
      .then((snapshot) => {
        this.latest = new LiveSessionRows(snapshot.sessions);
        this.ordered = [...snapshot.sessions].sort(compareLiveSessions);
        this.seq = snapshot.seq;
        const buffered = this.buffered ?? [];
        this.buffered = null;
        for (const event of buffered) if (event.seq === this.seq + 1) this.apply(event);
        const latest = this.ordered;
        this.update({ rows: latest, latest, pendingUpdates: 0, seq: this.seq, status: "ready" });
      })
      .catch(() => {
        this.buffered = null;
        this.update({ status: this.view.status === "ready" ? "ready" : "error" });
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  setLiveMode(liveMode: boolean) {
    this.update(liveMode ? { liveMode, rows: this.view.latest, pendingUpdates: 0 } : { liveMode });
  }

  receive = (message: FeedMessage) => {
    if (message.kind === "resync") {
      void this.refresh();
      return;
    }
    if (message.kind !== "event") return;
    const event = message.event;
    if (this.buffered) {
      this.buffered.push(event);
      return;
    }
    if (event.seq <= this.seq) return;
    if (event.seq !== this.seq + 1) {
      void this.refresh();
      return;
    }
    const changed = this.apply(event);
    if (changed === null) return;
    const latest = this.ordered;
    if (this.view.liveMode) {
      this.update({ rows: latest, latest, seq: this.seq, highlighted: this.highlight(changed) });
    } else {
      this.update({ latest, seq: this.seq, pendingUpdates: this.view.pendingUpdates + 1 });
    }
  };

  /** Applies one event to the latest truth; returns the ids of rows that entered or changed, or null. */
  private apply(event: LiveEvent): string[] | null {
    this.seq = event.seq;
    const applied = applyLiveEvent(this.latest, event);
    if (!applied) return null;
    for (const id of applied.dropped) this.ordered = removeOrdered(this.ordered, id);
    for (const session of applied.put) this.ordered = upsertOrdered(this.ordered, session);
    for (const session of applied.requested) this.onNewRequest(session);
    if (applied.renamed.length > 0) this.showRenames();
    if (applied.put.length === 0 && applied.dropped.length === 0) return null;
    return applied.put.map((s) => s.id);
  }

  /** A name changed in rows that stay where they are: both lists show it at once, in either mode. */
  private showRenames() {
    this.ordered = this.ordered.map((row) => this.latest.get(row.id) ?? row);
    const latest = this.ordered;
    const rows = this.view.rows.map((row) => this.latest.get(row.id) ?? row);
    this.update({ latest, rows: this.view.liveMode ? latest : rows });
  }

  private highlight(ids: string[]): ReadonlySet<string> {
    const next = new Set(this.view.highlighted);
    for (const id of ids) {
      next.add(id);
      clearTimeout(this.highlightTimers.get(id));
      this.highlightTimers.set(
        id,
        setTimeout(() => {
          this.highlightTimers.delete(id);
          const remaining = new Set(this.view.highlighted);
          remaining.delete(id);
          this.update({ highlighted: remaining });
        }, HIGHLIGHT_MS),
      );
    }
    return next;
  }

  private update(patch: Partial<LiveSessionsView>) {
    this.view = { ...this.view, ...patch };
    for (const listener of this.listeners) listener();
  }
}
