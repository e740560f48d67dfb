// Runs the queue timeout every few seconds for the organizations that set one. The decision itself is
// the domain's (sessions/timeout.ts); this only keeps time.
import type { Database } from "../db/client";
import { endOverdueSessions } from "../domain/sessions/timeout";
import { organizationsWithQueueTimeout } from "../domain/settings";
import type { Writer } from "../events/writer";

const EVERY_MS = 5_000;

export function startQueueTimeoutSweeper(database: Database, writer: Writer, onError: (error: unknown) => void) {
  let running: Promise<void> | null = null;
  const sweep = async () => {
    for (const { orgId, minutes } of await organizationsWithQueueTimeout(database.db)) {
      while ((await writer.run(orgId, (ctx) => endOverdueSessions(ctx, minutes))) > 0) {
        // A full page was ended: there may be more.
      }
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = sweep()
      .catch(onError)
      .finally(() => {
        running = null;
      });
  }, EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
