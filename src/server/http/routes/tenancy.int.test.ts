// Every record belongs to exactly one organization and nobody ever sees another's (PRODUCT.md, "Words"); each
// route admits only the roles it names. One table lists every route of /api/v1, so a new route is one line.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../../../test/support/api";
import { createPerson, createTestOrg, handoff, handoffBody, type TestOrg } from "../../../../test/support/fixtures";
import { startTestServer } from "../../../../test/support/server";
import { openStream } from "../../../../test/support/sse";
import type { Server } from "../../main";

type Who = "supervisor" | "admin" | "agent" | "apiKey" | "customer";
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** An organization's records by placeholder name: `{queued}` in a path is `ids.queued`. */
type Ids = Record<string, string>;
/** [method, path with placeholders, who may call it, body, a role that may act on its own record only] */
type Row = [Method, string, Who[] | "anyone", ((ids: Ids) => unknown)?, Who?];

const PEOPLE: Who[] = ["supervisor", "admin", "agent"];
const SUPERVISORS: Who[] = ["supervisor", "admin"]; // an admin may do everything a supervisor may
const AGENTS_SUPERVISORS: Who[] = ["agent", ...SUPERVISORS];
const EVERYONE: Who[] = ["supervisor", "admin", "agent", "apiKey"];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Reports cover the hours around now, where populate() puts each organization's chats. */
const REPORT_RANGE_BODY = {
  from: new Date(Date.now() - 86_400_000).toISOString(),
  to: new Date(Date.now() + 86_400_000).toISOString(),
};
const REPORT_RANGE = new URLSearchParams(REPORT_RANGE_BODY).toString();
const rule = (teamId: string) => ({ name: "Stolen", conditions: [{ key: "topic", value: "x" }], teamId });
const user = (t: string) => ({ email: "m@x.test", name: "M", password: "12345678", roles: ["agent"], teamIds: [t] });

const ROUTES: Row[] = [
  ["POST", "/auth/login", "anyone", () => ({ email: "nobody@example.test", password: "wrong" })],
  ["POST", "/auth/logout", "anyone"],
  ["GET", "/me", PEOPLE],
  ["POST", "/handoffs", ["apiKey"], (ids) => handoffBody({ bot: { id: ids.spareBot } })],
  ["POST", "/sessions/{queued}/accept", ["agent"]],
  ["POST", "/sessions/{queued}/transfer", AGENTS_SUPERVISORS, (ids) => ({ teamId: ids.billing })],
  ["POST", "/sessions/{active}/end", EVERYONE, () => ({})],
  ["POST", "/conversations/{conversation}/messages", ["apiKey", "agent"], () => ({ body: "Hello" })],
  ["GET", "/conversations/{conversation}/messages", EVERYONE],
  ["GET", "/live-sessions", SUPERVISORS],
  ["GET", "/live-sessions/stream", SUPERVISORS],
  ["GET", "/agents", SUPERVISORS],
  ["PUT", "/agents/{alice}/status", AGENTS_SUPERVISORS, () => ({ status: "away" }), "agent"],
  ["POST", "/users", ["admin"], (ids) => user(ids.support)],
  ["PATCH", "/users/{alice}", ["admin"], () => ({ name: "Mallory" })],
  ["GET", "/teams", AGENTS_SUPERVISORS],
  ["POST", "/teams", SUPERVISORS, () => ({ name: "Intruders" })],
  ["PATCH", "/teams/{support}", SUPERVISORS, () => ({ name: "Renamed" })],
  ["DELETE", "/teams/{spareTeam}", SUPERVISORS],
  ["PUT", "/teams/{support}/members/{carol}", SUPERVISORS],
  ["DELETE", "/teams/{support}/members/{alice}", SUPERVISORS],
  ["GET", "/bots", EVERYONE],
  ["POST", "/bots", ["apiKey", "admin"], () => ({ name: "Intruder Bot" })],
  ["PATCH", "/bots/{spareBot}", ["admin"], () => ({ name: "Renamed Bot" })],
  ["DELETE", "/bots/{spareBot}", ["admin"]],
  ["GET", "/routing-rules", SUPERVISORS],
  ["POST", "/routing-rules", SUPERVISORS, (ids) => rule(ids.billing)],
  ["PATCH", "/routing-rules/{rule}", SUPERVISORS, () => ({ enabled: false })],
  ["DELETE", "/routing-rules/{rule}", SUPERVISORS],
  ["POST", "/routing-rules/test", SUPERVISORS, () => ({ attributes: { topic: "refund" } })],
  ["GET", "/api-keys", ["admin"]],
  ["POST", "/api-keys", ["admin"], () => ({ name: "Intruder key" })],
  ["DELETE", "/api-keys/{key}", ["admin"]],
  ["GET", "/settings", AGENTS_SUPERVISORS],
  ["PUT", "/settings", SUPERVISORS, () => ({ maxChatsPerAgent: 7 })],
  ["GET", "/audit-log", SUPERVISORS],
  ["GET", `/reports/sessions?${REPORT_RANGE}`, SUPERVISORS],
  ["GET", `/reports/summary?${REPORT_RANGE}&groupBy=agent`, SUPERVISORS],
  ["GET", "/reports/conversations/{conversation}", SUPERVISORS],
  ["POST", "/exports", SUPERVISORS, () => ({ range: REPORT_RANGE_BODY })],
  ["GET", "/exports", SUPERVISORS],
  ["GET", "/exports/{export}", SUPERVISORS],
  ["GET", "/exports/{export}/download", SUPERVISORS],
  ["POST", "/sessions/{active}/close", ["agent"]],
  ["POST", "/conversations/{conversation}/typing", ["agent"]],
  ["GET", "/agent/inbox", ["agent"]],
  ["GET", "/agent/stream", ["agent"]],
  ["GET", "/quick-responses", AGENTS_SUPERVISORS],
  ["POST", "/quick-responses", SUPERVISORS, () => ({ shortcut: "intrude", body: "Hi" })],
  ["PATCH", "/quick-responses/{quickResponse}", SUPERVISORS, () => ({ body: "Changed" })],
  ["DELETE", "/quick-responses/{quickResponse}", SUPERVISORS],
  // The widget's hand-off is public by design (any page may embed the widget); an unknown org is a 404.
  [
    "POST",
    "/widget/handoffs",
    "anyone",
    () => ({ orgId: "00000000-0000-4000-8000-000000000000", bot: { name: "B" }, customer: { name: "C" } }),
  ],
  ["GET", "/widget/conversation", ["customer"]],
  ["POST", "/widget/messages", ["customer"], () => ({ body: "Hello" })],
  ["POST", "/widget/typing", ["customer"]],
  ["POST", "/widget/end", ["customer"]],
  ["GET", "/widget/stream", ["customer"]],
];

interface RouteCase {
  method: Method;
  path: string;
  url: string;
  body?: unknown;
  admits: Who[] | "anyone";
  namesRecords: boolean; // the request names one of the organization's records, in its URL or its body
  selfOnly?: Who;
}

/** The table filled in with one organization's records. */
function routesOf(ids: Ids): RouteCase[] {
  return ROUTES.map(([method, path, admits, body, selfOnly]) => {
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]);
    const request = { method, path, url, body: body?.(ids), admits, selfOnly };
    const named = JSON.stringify([url, request.body]);
    return { ...request, namesRecords: Object.values(ids).some((id) => named.includes(id)) };
  });
}

let server: Server;
let a: TestOrg;
let b: TestOrg;
let aIds: Ids;
let bIds: Ids;

/** Records beyond the fixture's: a queued and an active chat, a rule, a spare team and bot, an agent in no team. */
async function populate(org: TestOrg): Promise<Ids> {
  const queued = await handoff(org);
  const active = await handoff(org);
  expect((await org.alice.api.post(`/sessions/${active.sessionId}/accept`)).status).toBe(200);
  const created = await Promise.all([
    org.supervisor.api.post("/routing-rules", { ...rule(org.teams.billing), name: "Refunds" }),
    org.supervisor.api.post("/teams", { name: "Spare" }),
    org.admin.api.post("/bots", { name: "Spare Bot" }),
    org.alice.api.get(`/conversations/${active.conversationId}/messages`),
    org.supervisor.api.post("/quick-responses", { shortcut: "hello", body: "Hello {{customer.name}}" }),
  ]);
  const [ruleId, spareTeam, spareBot] = created.map((reply) => reply.body.id);
  const carol = await createPerson(server, org.org.id, ["agent"], { name: "Carol Agent" });
  const exported = await org.supervisor.api.post("/exports", { range: REPORT_RANGE_BODY });
  return {
    queued: queued.sessionId,
    queuedConversation: queued.conversationId,
    active: active.sessionId,
    conversation: active.conversationId,
    customerToken: queued.customerToken,
    message: created[3].body.messages[0].id,
    alice: org.alice.user.id,
    carol: carol.user.id,
    support: org.teams.support,
    billing: org.teams.billing,
    spareTeam,
    spareBot,
    rule: ruleId,
    key: org.key.id,
    export: exported.body.id,
    quickResponse: created[4].body.id,
  };
}

const callers = (org: TestOrg, ids: Ids): Record<Who, ApiClient> => ({
  supervisor: org.supervisor.api,
  admin: org.admin.api,
  agent: org.alice.api,
  apiKey: org.bot,
  customer: new ApiClient(server.url, { key: ids.customerToken }),
});
const admitted = (route: RouteCase, who: Who) => route.admits === "anyone" || route.admits.includes(who);
const codeOf: Record<number, string> = { 401: "unauthenticated", 403: "forbidden", 404: "not_found", 409: "conflict" };
type Call = Pick<RouteCase, "method" | "url" | "body"> & {
  who: string;
  client: ApiClient;
  status: number;
  field?: string;
};

type StatusOf = (route: RouteCase, who: Who) => number | null;

/** Each route with each caller that has an expected status (null: not this caller). */
function callsFor(routes: RouteCase[], clients: Record<string, ApiClient>, statusOf: StatusOf) {
  return routes.flatMap((route) =>
    Object.entries(clients).flatMap(([who, client]) => {
      const status = statusOf(route, who as Who);
      return status === null ? [] : [{ ...route, who, client, status }];
    }),
  );
}

/** Makes each call and lists those that did not get their status (and field): one failure shows them all. */
async function mismatches(calls: Call[]) {
  const wrong: string[] = [];
  for (const { who, client, method, url, body, status, field } of calls) {
    const reply = await client.request(method, url, body);
    const error = reply.body?.error;
    if (reply.status !== status || error?.code !== codeOf[status] || (field && error?.field !== field)) {
      wrong.push(
        `${who} ${method} ${url}: expected ${status} ${field ?? ""}, got ${reply.status} ${JSON.stringify(reply.body)}`,
      );
    }
  }
  return wrong;
}

/** Arrays compared as sets: list order is not what these tests are about. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value))
    return value.map(canonical).sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
  return value;
}

/** Everything an organization reads about itself (through its API key too, which proves the key still works). */
async function stateOf(org: TestOrg, ids: Ids) {
  const replies = await Promise.all([
    org.supervisor.api.get("/live-sessions"),
    ...["/agents", "/teams", "/routing-rules", "/settings"].map((path) => org.supervisor.api.get(path)),
    org.bot.get("/bots"),
    org.admin.api.get("/api-keys"),
    org.supervisor.api.get(`/conversations/${ids.queuedConversation}/messages`),
    org.supervisor.api.get(`/conversations/${ids.conversation}/messages`),
  ]);
  expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 200));
  const [live, ...rest] = replies.map((reply) => reply.body);
  return canonical({ seq: live.seq, sessions: live.sessions, rest }) as object;
}

/** Org A reads everything about itself before and after `act`, and finds it the same. */
async function expectUnchanged(act: () => Promise<void>) {
  const before = await stateOf(a, aIds);
  await act();
  expect(await stateOf(a, aIds)).toEqual(before);
}

const uuidsIn = (value: unknown) => new Set(JSON.stringify(value).match(UUID));
const leaks = (value: unknown, foreign: Set<string>) => [...uuidsIn(value)].filter((id) => foreign.has(id));

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestOrg(server, "Org A");
  b = await createTestOrg(server, "Org B");
  aIds = await populate(a);
  bIds = await populate(b);
});
afterAll(() => server?.close());

describe("tenant isolation and roles on every route", () => {
  it("the table names every route the OpenAPI document lists, each once", async () => {
    const document = await (await fetch(`${server.url}/api/openapi.json`)).json();
    const operation = (method: string, path: string) =>
      `${method.toUpperCase()} ${path
        .split("?")[0]
        .replace(/^\/api\/v1/, "")
        .replace(/\{\w+\}/g, "{}")}`;
    const documented = Object.entries(document.paths as Record<string, object>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => operation(method, path)),
    );
    const tabled = routesOf(aIds).map((route) => operation(route.method, route.path));
    expect(tabled.sort()).toEqual(documented.sort());
  });

  it("another organization's supervisor, admin, agent and API key get 404 for its records, or 403 where their role is refused, and its data is unchanged", async () => {
    const bCallers = callers(b, bIds);
    const foreignRecords = routesOf(aIds).filter((route) => route.namesRecords);
    const calls: Call[] = callsFor(foreignRecords, bCallers, (route, who) =>
      !admitted(route, who) || route.selfOnly === who ? 403 : 404,
    );
    expect(foreignRecords.length).toBeGreaterThanOrEqual(19);
    // Org B's own records, pointed at org A's.
    const mixed: [Who, Method, string, unknown, number, string][] = [
      ["supervisor", "PUT", `/teams/${bIds.support}/members/${aIds.carol}`, undefined, 404, "userId"],
      ["supervisor", "DELETE", `/teams/${bIds.support}/members/${aIds.alice}`, undefined, 404, "userId"],
      ["supervisor", "PATCH", `/routing-rules/${bIds.rule}`, { teamId: aIds.support }, 404, "teamId"],
      ["agent", "POST", `/sessions/${bIds.active}/transfer`, { teamId: aIds.support }, 404, "teamId"],
      ["apiKey", "POST", `/conversations/${bIds.conversation}/messages`, { id: aIds.message, body: "Hi" }, 409, "id"],
    ];
    for (const [who, method, url, body, status, field] of mixed) {
      calls.push({ who, client: bCallers[who], method, url, body, status, field });
    }
    await expectUnchanged(async () => expect(await mismatches(calls)).toEqual([]));
  });

  it("another organization's lists, snapshot, settings, routing test and profile never show this organization's rows", async () => {
    const foreign = uuidsIn(await stateOf(a, aIds));
    const bCallers = callers(b, bIds);
    const reads = routesOf(bIds).filter(
      (route) =>
        (route.method === "GET" || route.path.endsWith("/test")) &&
        !route.namesRecords &&
        !route.path.endsWith("/stream"),
    );
    expect(reads.length).toBeGreaterThanOrEqual(9);
    for (const route of reads) {
      for (const who of EVERYONE.filter((w) => admitted(route, w))) {
        const reply = await bCallers[who].request(route.method, route.url, route.body);
        expect(reply.status, `${who} ${route.url}`).toBe(200);
        expect(leaks(reply.body, foreign), `${who} ${route.url}`).toEqual([]);
      }
    }
    const snapshot = await b.supervisor.api.get("/live-sessions");
    expect(snapshot.body.sessions.map((s: { id: string }) => s.id).sort()).toEqual([bIds.queued, bIds.active].sort());
    const bBots = (await b.bot.get("/bots")).body.bots.map((bot: { name: string }) => bot.name);
    expect(bBots).toContain("Helper Bot"); // the same name in both organizations is two bots
    expect((await b.alice.api.get("/me")).body.organization).toEqual({ id: b.org.id, name: "Org B" });
  });

  it("each role is refused (403) on every route that does not admit it, and nothing changes", async () => {
    const calls = callsFor(routesOf(aIds), callers(a, aIds), (route, who) => (admitted(route, who) ? null : 403));
    expect(calls.filter((c) => c.who === "agent").length).toBeGreaterThan(15);
    expect(calls.filter((c) => c.who === "apiKey").length).toBeGreaterThan(20);
    await expectUnchanged(async () => expect(await mismatches(calls)).toEqual([]));
  });

  it("without valid credentials every route but sign-in and sign-out answers 401, and nothing changes", async () => {
    const strangers = {
      nobody: new ApiClient(server.url),
      "an unknown key": new ApiClient(server.url, { key: "sbk_not-a-real-key" }),
      "a forged cookie": new ApiClient(server.url, { cookie: "not-a-real-token" }),
    };
    const guarded = routesOf(aIds).filter((route) => route.admits !== "anyone");
    const calls = callsFor(guarded, strangers, () => 401);
    expect(calls).toHaveLength(guarded.length * 3);
    await expectUnchanged(async () => expect(await mismatches(calls)).toEqual([]));
  });

  it("another organization's live stream replays and carries only its own events", async () => {
    const stream = await openStream(`${server.url}/api/v1/live-sessions/stream?after=0`, b.supervisor.api.headers());
    expect(stream.status).toBe(200);
    await stream.waitFor((messages) => messages.some((m) => m.event === "caught-up"));
    // Org A is busy while org B's supervisor watches: a hand-off, an accept, a message, a transfer, an end.
    const seqBefore = (await a.supervisor.api.get("/live-sessions")).body.seq;
    const chat = await handoff(a);
    await a.alice.api.post(`/sessions/${chat.sessionId}/accept`);
    await a.bot.post(`/conversations/${chat.conversationId}/messages`, { body: "Anyone there?" });
    const transfer = await a.alice.api.post(`/sessions/${chat.sessionId}/transfer`, { teamId: a.teams.billing });
    await a.supervisor.api.post(`/sessions/${transfer.body.queued.id}/end`, {});
    await a.supervisor.api.put(`/agents/${a.bob.user.id}/status`, { status: "away" });
    const marker = await handoff(b);
    await stream.waitFor((messages) => messages.some((m) => m.data.includes(marker.sessionId)));
    stream.close();

    expect((await a.supervisor.api.get("/live-sessions")).body.seq).toBeGreaterThanOrEqual(seqBefore + 6);
    const foreign = uuidsIn([await stateOf(a, aIds), chat, transfer.body, a.bob.user.id]);
    expect(stream.messages.filter((m) => leaks(m.data, foreign).length > 0)).toEqual([]);
    const seqs = stream.events().map((event) => event.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // org B's own log, gap-free from the start
    expect(stream.messages.map((m) => Number(m.id)).filter(Boolean)).toEqual(seqs);
    expect((await b.supervisor.api.get("/live-sessions")).body.seq).toBe(seqs.at(-1));
  });
});
