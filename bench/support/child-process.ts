// Each part of a benchmark that must not share an event loop with the load generator (the server, the SSE
// clients, the bare SSE baseline) runs in its own Node process and is driven by calls over the IPC channel.
import { type ChildProcess, spawn } from "node:child_process";

type Handler = (params: any) => unknown;
type Message = { id: number; method: string; params: unknown };
type Answer = { id: number; result?: unknown; error?: string } | { ready: true };

/** In the child: answer the parent's calls; `close` is always there and ends the process. */
export function serveCalls(handlers: Record<string, Handler>) {
  if (!process.send) throw new Error("this entry point runs as a child process with an IPC channel");
  const send = (answer: Answer) => process.send?.(answer);
  process.on("message", async (message: Message) => {
    try {
      if (message.method === "close") {
        await handlers.close?.(message.params);
        send({ id: message.id, result: null });
        setImmediate(() => process.exit(0));
        return;
      }
      const handler = handlers[message.method];
      if (!handler) throw new Error(`no such call: ${message.method}`);
      send({ id: message.id, result: (await handler(message.params)) ?? null });
    } catch (error) {
      send({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  // An orphan must not outlive the benchmark that started it.
  process.on("disconnect", () => process.exit(0));
  send({ ready: true });
}

/** In the parent: a child process running a TypeScript entry point, called like an object. */
export class ChildProcessCalls {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private exited = false;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.on("message", (answer: Answer) => {
      if ("ready" in answer) return;
      const call = this.pending.get(answer.id);
      if (!call) return;
      this.pending.delete(answer.id);
      if (answer.error !== undefined) call.reject(new Error(`${name}: ${answer.error}`));
      else call.resolve(answer.result);
    });
    child.on("exit", (code, signal) => {
      this.exited = true;
      for (const call of this.pending.values()) call.reject(new Error(`${name} exited (${signal ?? code})`));
      this.pending.clear();
    });
  }

  static start(
    name: string,
    entry: string,
    env: NodeJS.ProcessEnv = process.env,
    nodeArgs: string[] = [],
  ): Promise<ChildProcessCalls> {
    const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", entry], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env,
    });
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`${name} exited before it was ready (code ${code})`));
      child.once("exit", onExit);
      child.once("error", reject);
      child.once("message", () => {
        child.off("exit", onExit);
        resolve(new ChildProcessCalls(name, child));
      });
    });
  }

  get pid() {
    return this.child.pid;
  }

  call<T = unknown>(method: string, params?: unknown): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.name} has exited`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, method, params });
    });
  }

  /** Asks the child to close; kills it (this one process, by its id) if it does not within the grace time. */
  async stop(graceMs = 10_000) {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
    await this.call("close").catch(() => {});
    await exited;
    clearTimeout(timer);
  }
}
