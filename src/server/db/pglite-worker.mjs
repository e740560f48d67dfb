// @ts-check
// The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) runs here, so its work
// and the server's requests use two cores instead of taking turns on one. It speaks the PostgreSQL wire
// protocol: each message from the server's thread is a run of whole protocol messages, answered with what
// PostgreSQL wrote back (embedded-connection.ts is the other end). Plain JavaScript: a worker thread is
// loaded by Node itself, outside the TypeScript loader of whoever started the server (tsx, Vitest).
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

if (!parentPort) throw new Error("pglite-worker.mjs runs as a worker thread");
const port = parentPort;
/** @type {{ dataDir: string | null }} */
const { dataDir } = workerData;
const db = dataDir ? new PGlite(dataDir) : new PGlite();
await db.waitReady;

/** @typedef {Uint8Array | "connect" | "close"} ToWorker */

// One message at a time, in the order sent: they are one connection's stream of bytes.
let queue = Promise.resolve();
port.on("message", (/** @type {ToWorker} */ message) => {
  queue = queue
    .then(() => answer(message))
    .catch((error) => port.postMessage({ error: String(error?.stack ?? error) }));
});

async function answer(/** @type {ToWorker} */ message) {
  if (message === "connect") {
    // PGlite is one session, which outlives each connection: the next starts as a new session would,
    // without the last one's open transaction, prepared statements or settings.
    if (db.isInTransaction()) await db.exec("rollback");
    await db.exec("discard all");
    return;
  }
  if (message === "close") {
    try {
      await db.close();
    } finally {
      port.postMessage("closed");
    }
    return;
  }
  const written = await db.execProtocolRaw(message);
  // A copy handed over (transferred), not PGlite's own buffer.
  const copy = written.slice();
  port.postMessage(copy, [copy.buffer]);
}

port.postMessage("ready");
