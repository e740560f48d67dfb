// A node-postgres client that prepares every parameterised statement once per connection. node-postgres
// prepares a query when it carries a name, and Drizzle sends none, so PostgreSQL parsed and planned each
// hot statement (the hand-off's five-table CTE among them) on every call. Naming a statement after its
// text makes the connection parse it once and then send only Bind/Execute (postgres.js does this by
// default). A name stands for exactly one text, so a cached statement can never run the wrong SQL.
//
// It also spares each transaction a round trip: the connection runs in node-postgres's pipeline mode, and
// a BEGIN is not sent on its own but just ahead of the transaction's first statement, whose answer it
// shares a wait with. (The writer likewise sends COMMIT behind its last statement: events/writer.ts.)
// Left for rolling deploys: a migration that changes a prepared statement's result columns while this
// process runs makes PostgreSQL refuse it ("cached plan must not change result type") until the
// connection closes; deallocating and retrying once would mend that.
import { createHash } from "node:crypto";
import pg from "pg";

/** Statements prepared per connection at most: beyond this they run unnamed, as before. */
const MAX_PREPARED = 500;

const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `sb_${createHash("sha1").update(text).digest("base64url")}`;
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
}

/** What node-postgres answers a BEGIN with, given to the caller before the BEGIN is even sent. */
const BEGUN = { command: "BEGIN", rowCount: null, oid: null, rows: [], fields: [] };

const isBegin = (config: any) => {
  const text: unknown = typeof config === "string" ? config : config?.text;
  return typeof text === "string" && /^\s*begin\b/i.test(text) && !(config?.values?.length > 0);
};

export class PreparingClient extends pg.Client {
  private readonly prepared = new Set<string>();
  /** A BEGIN held back to go out with the transaction's first statement. */
  private heldBegin: pg.QueryConfig | undefined;

  constructor(config?: pg.ClientConfig) {
    super({ ...config, pipeline: true } as pg.ClientConfig);
  }

  // pg.Client.query is overloaded (text or config, values, callback); every form passes through.
  override query(config: any, values?: any, callback?: any): any {
    // A submittable (a pg.Query) is its own answer: it is returned as given, never wrapped in a promise.
    const promised = callback === undefined && typeof values !== "function" && typeof config?.submit !== "function";
    if (promised && this.heldBegin === undefined && isBegin(config)) {
      this.heldBegin = typeof config === "string" ? { text: config } : config;
      return Promise.resolve(BEGUN);
    }
    const begin = this.heldBegin;
    if (begin !== undefined) {
      this.heldBegin = undefined;
      // Pipelined: the BEGIN is on the wire before the statement behind it. A BEGIN fails only on a
      // connection that can run no statement (broken, or inside a failed transaction), so the statement
      // then fails too, and the caller rolls back as for any failed statement.
      const begun = super.query(begin) as Promise<unknown>;
      const answered = this.send(config, values, callback);
      if (!promised) {
        begun.catch(() => {});
        return answered;
      }
      return Promise.all([begun, answered]).then(([, result]) => result);
    }
    return this.send(config, values, callback);
  }

  /** Drops a BEGIN held back but never followed by a statement: nothing ran in it. Called on release. */
  forgetHeldBegin() {
    this.heldBegin = undefined;
  }

  private send(config: any, values?: any, callback?: any): any {
    if (typeof config === "string" && Array.isArray(values)) return this.send({ text: config, values }, callback);
    if (
      config !== null &&
      typeof config === "object" &&
      typeof config.submit !== "function" &&
      typeof config.text === "string" &&
      config.name === undefined &&
      Array.isArray(config.values ?? values) &&
      (config.values ?? values).length > 0
    ) {
      const name = statementName(config.text);
      if (this.prepared.has(name) || this.prepared.size < MAX_PREPARED) {
        this.prepared.add(name);
        return super.query({ ...config, name }, values, callback);
      }
    }
    return super.query(config, values, callback);
  }
}
