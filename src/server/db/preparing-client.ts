// A node-postgres client that prepares every parameterised statement once per connection. node-postgres
// prepares a query when it carries a name, and Drizzle sends none, so PostgreSQL parsed and planned each
// hot statement (the hand-off's five-table CTE among them) on every call. Naming a statement after its
// text makes the connection parse it once and then send only Bind/Execute (postgres.js does this by
// default). A name stands for exactly one text, so a cached statement can never run the wrong SQL.
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

export class PreparingClient extends pg.Client {
  private readonly prepared = new Set<string>();

  // pg.Client.query is overloaded (text or config, values, callback); every form passes through.
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === "string" && Array.isArray(values)) return this.query({ text: config, values }, callback);
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
