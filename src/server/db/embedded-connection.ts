// The server's end of the embedded database's thread (pglite-worker.mjs). node-postgres speaks to PGlite
// there as to any PostgreSQL, over the wire protocol: this Duplex stream stands in for its socket, hands
// whole protocol messages to the worker and pushes back what PostgreSQL wrote. PGlite is one session, so
// there is one connection at a time (the pool has one client, never closed while idle); a new one ends
// the one before and starts the session afresh.
import { Duplex } from "node:stream";
import { Worker } from "node:worker_threads";

type FromWorker = Uint8Array | "ready" | "closed" | { error: string };

const TERMINATE = 0x58; // 'X': the client is done with the connection
/** How long closing waits for PGlite to finish its files before the thread is ended all the same. */
const CLOSE_TIMEOUT_MS = 10_000;

export class EmbeddedDatabaseThread {
  private current: WorkerConnection | null = null;
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (message: FromWorker) => {
      if (message instanceof Uint8Array) this.current?.answer(message);
      // A statement PGlite could not take (not an SQL error: those are answers): this connection is done.
      else if (typeof message === "object") this.current?.destroy(new Error(`the embedded database: ${message.error}`));
    });
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => this.fail(new Error(`the embedded database's thread exited (${code})`)));
  }

  /** Starts PGlite in its own thread: on a folder, or in memory when `dataDir` is null. */
  static async start(dataDir: string | null): Promise<EmbeddedDatabaseThread> {
    const worker = new Worker(new URL("./pglite-worker.mjs", import.meta.url), { workerData: { dataDir } });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        if (message !== "ready") return;
        worker.off("error", reject);
        worker.off("message", onMessage);
        resolve();
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
    return new EmbeddedDatabaseThread(worker);
  }

  /** A new connection's stream, for node-postgres's `stream` option. */
  connect(): Duplex {
    this.current?.destroy(new Error("the embedded database took a new connection"));
    const connection = new WorkerConnection((bytes) => this.send(bytes));
    this.current = connection;
    if (this.failure) process.nextTick(() => connection.destroy(this.failure ?? undefined));
    else this.worker.postMessage("connect");
    return connection;
  }

  /** Closes PGlite (its files complete on disk) and ends the thread, even one that fails to close. */
  async close() {
    if (!this.failure) {
      const closed = new Promise<void>((resolve) => {
        this.worker.on("message", (message: FromWorker) => {
          if (!(message instanceof Uint8Array)) resolve();
        });
        this.worker.once("exit", () => resolve());
        setTimeout(resolve, CLOSE_TIMEOUT_MS).unref();
      });
      this.worker.postMessage("close");
      await closed;
      this.fail(new Error("the embedded database is closed"));
    }
    await this.worker.terminate();
  }

  private send(bytes: Uint8Array) {
    if (this.failure) throw this.failure;
    this.worker.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
  }

  private fail(error: Error) {
    if (this.failure) return;
    this.failure = error;
    this.current?.destroy(error);
  }
}

/** One connection's stream: what node-postgres writes goes to the worker, what it answers is read back. */
class WorkerConnection extends Duplex {
  /** Bytes written but not yet sent: the start of a protocol message whose rest is still to come. */
  private unsent = Buffer.alloc(0);
  /** The first message (the startup packet) has no type byte. */
  private started = false;

  constructor(private readonly send: (bytes: Uint8Array) => void) {
    super();
  }

  // What node-postgres calls on a socket.
  connect() {
    process.nextTick(() => this.emit("connect"));
    return this;
  }
  setNoDelay() {
    return this;
  }
  setKeepAlive() {
    return this;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }

  answer(bytes: Uint8Array) {
    this.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  override _read() {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void) {
    this.forward([chunk], callback);
  }

  // node-postgres corks the stream around a query's messages (parse, bind, describe, execute, sync): they
  // go to the worker together, as one run for PostgreSQL.
  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void) {
    this.forward(
      chunks.map((c) => c.chunk),
      callback,
    );
  }

  private forward(chunks: Buffer[], callback: (error?: Error | null) => void) {
    const bytes = Buffer.concat([this.unsent, ...chunks]);
    // Whole messages go; a message cut short waits for its rest. Terminate is not PostgreSQL's to see:
    // the session outlives the connection, so it ends the stream instead.
    let end = 0;
    let terminated = false;
    while (end < bytes.length) {
      const headerLength = this.started ? 1 : 0;
      if (bytes.length < end + headerLength + 4) break;
      const length = headerLength + bytes.readInt32BE(end + headerLength);
      if (bytes.length < end + length) break;
      if (this.started && bytes[end] === TERMINATE) {
        terminated = true;
        break;
      }
      this.started = true;
      end += length;
    }
    this.unsent = terminated ? Buffer.alloc(0) : bytes.subarray(end);
    try {
      // A copy of its own: the worker takes it over (transfer), so it must share memory with nothing else.
      if (end > 0) this.send(Uint8Array.prototype.slice.call(bytes, 0, end));
    } catch (error) {
      callback(error as Error);
      return;
    }
    callback();
    if (terminated) {
      this.push(null);
      process.nextTick(() => this.destroy());
    }
  }
}
