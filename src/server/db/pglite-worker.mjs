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

// One message at a time, in the order sent: they are one connection's stream of bytes.
let queue = Promise.resolve();
port.on("message", (/** @type {Uint8Array | "close"} */ message) => {
  queue = queue
    .then(() => answer(message))
    .catch((error) => port.postMessage({ error: String(error?.stack ?? error) }));
});

async function answer(/** @type {Uint8Array | "close"} */ message) {
  if (message === "close") {
    await db.close();
    port.postMessage("closed");
    return;
  }
  // Each connection starts afresh: the statements a connection before it prepared are forgotten.
  if (isStartup(message)) await db.exec("deallocate all");
  const written = await db.execProtocolRaw(message);
  // A copy handed over (transferred), not PGlite's own buffer.
  const copy = written.slice();
  port.postMessage(copy, [copy.buffer]);
}
port.postMessage("ready");

/** A startup packet: no type byte, its length and then protocol version 3.0. */
function isStartup(/** @type {Uint8Array} */ bytes) {
  return bytes.length >= 8 && bytes[4] === 0 && bytes[5] === 3 && bytes[6] === 0 && bytes[7] === 0;
}
