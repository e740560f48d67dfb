// Bad input is refused with a 4xx and `{ error: { code, message, field } }` naming the field at fault, never a
// 500, and it changes nothing: every change appends an event, so the organization's `seq` must stay put.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../../../../test/support/api";
import { createTestOrg, handoff, handoffBody, type TestOrg } from "../../../../test/support/fixtures";
import { startTestServer } from "../../../../test/support/server";
import type { Server } from "../../main";

type Caller = "supervisor" | "admin" | "agent" | "apiKey" | "nobody";
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** `{name}` in the URL or the body stands for the organization's record of that name (see `beforeAll`). */
interface BadRequest {
  as: Caller;
  method: Method;
  url: string;
  body?: unknown;
  raw?: string; // sent as is instead of `body`
  headers?: Record<string, string>;
}
/** [the rule, the status, the field at fault (none when the URL names what is missing), the request, the code] */
type Case = [rule: string, status: number, field: string | undefined, request: BadRequest, code?: string];

let server: Server;
let org: TestOrg;
const records: Record<string, string> = {};
const unknown = randomUUID(); // well-formed, but nobody's

const as = (who: Caller, method: Method, url: string, body?: unknown): BadRequest => ({ as: who, method, url, body });
const sup = (method: Method, url: string, body?: unknown) => as("supervisor", method, url, body);
const admin = (method: Method, url: string, body?: unknown) => as("admin", method, url, body);
const handoffWith = (fields: Record<string, unknown>) =>
  as("apiKey", "POST", "/handoffs", { ...handoffBody(), ...fields });
const raw = (text: string, contentType = "application/json") => ({
  ...as("apiKey", "POST", "/handoffs"),
  raw: text,
  headers: { "content-type": contentType },
});
const customer = (fields: Record<string, unknown>) => handoffWith({ customer: { name: "Dana", ...fields } });
const channel = (name: unknown, type: unknown) => handoffWith({ channel: { name, type } });
const attributes = (values: Record<string, unknown>) => handoffWith({ attributes: values });
const history = (...entries: unknown[]) => handoffWith({ history: [{ author: "customer", body: "Hi" }, ...entries] });
const transfer = (body: unknown) => sup("POST", "/sessions/{queued}/transfer", body);
const message = (body: unknown) => as("apiKey", "POST", "/conversations/{conversation}/messages", body);
const stream = (query: string, headers = {}) => ({ ...sup("GET", `/live-sessions/stream${query}`), headers });
const signIn = (body: unknown) => as("nobody", "POST", "/auth/login", body);
const user = { name: "Nia", password: "12345678", roles: ["agent"] };
const newUser = (fields: Record<string, unknown>) =>
  admin("POST", "/users", { email: `${randomUUID()}@x.test`, ...user, ...fields });
const newTeam = (body: unknown) => sup("POST", "/teams", body);
const editTeam = (body: unknown) => sup("PATCH", "/teams/{support}", body);
const condition = { key: "tier", value: "gold" };
const rule = { name: "VIP", conditions: [condition], teamId: "{billing}" };
const newRule = (fields: Record<string, unknown>) => sup("POST", "/routing-rules", { ...rule, ...fields });
const editRule = (body: unknown) => sup("PATCH", "/routing-rules/{rule}", body);
const x = (n: number) => "x".repeat(n);

const handoffCases: Case[] = [
  ["a hand-off names the customer", 400, "customer.name", customer({ name: undefined })],
  ["a customer name is at most 200 characters", 400, "customer.name", customer({ name: x(201) })],
  ["a customer name of spaces only is no name", 400, "customer.name", customer({ name: "   " })],
  ["a customer email is an email address", 400, "customer.email", customer({ email: "not an email" })],
  ["the customer is an object, not a string", 400, "customer", handoffWith({ customer: "Dana" })],
  ["a hand-off names its channel", 400, "channel", handoffWith({ channel: undefined })],
  ["a channel type is text", 400, "channel.type", channel("Website", 5)],
  ["a channel name is at most 100 characters", 400, "channel.name", channel(x(101), "web")],
  ["the bot is given by id or by name", 400, "bot", handoffWith({ bot: {} })],
  ["a bot id that no bot has is not found", 404, "bot.id", handoffWith({ bot: { id: unknown } })],
  ["routing attributes are text", 400, "attributes.tier", attributes({ tier: 3 })],
  ["an attribute value is at most 500 characters", 400, "attributes.tier", attributes({ tier: x(501) })],
  ["a history entry has a body", 400, "history.1.body", history({ author: "bot", body: "" })],
  ["a history entry is by the customer or the bot", 400, "history.1.author", history({ author: "agent", body: "Hi" })],
  ["an empty history entry is refused", 400, "history.1.author", history({})],
  ["a history entry's time is a timestamp", 400, "history.1.at", history({ author: "bot", body: "Hi", at: "today" })],
  ["a history holds at most 500 entries", 400, "history", history(...Array(500).fill({ author: "bot", body: "." }))],
  ["a body that is not JSON is refused", 400, "body", raw('{"customer": {"name": "Dana"')],
  ["an empty JSON body is refused", 400, "body", raw("")],
  ["a JSON body of null is refused", 400, "body", raw("null")],
  ["a plain-text body is not an object", 400, "body", raw("customer=Dana", "text/plain")],
  ["a form body is refused", 415, "content-type", raw("a=b", "application/x-www-form-urlencoded"), "invalid_input"],
  ["a body over 1 MiB is too large", 413, "body", customer({ externalId: x(1_100_000) }), "payload_too_large"],
  ["without credentials a malformed request is still 401", 401, undefined, { ...raw("{oops"), as: "nobody" }],
];

const sessionCases: Case[] = [
  ["a transfer names the target team", 400, "teamId", transfer({ note: "?" })],
  ["a target team id is a uuid", 400, "teamId", transfer({ teamId: "billing" })],
  ["a transfer to a team that does not exist is not found", 404, "teamId", transfer({ teamId: unknown })],
  ["a transfer to the chat's own team is refused", 400, "teamId", transfer({ teamId: "{general}" })],
  ["a transfer note is at most 1000 characters", 400, "note", transfer({ teamId: "{billing}", note: x(1001) })],
  [
    "an end reason is resolved or customer_left",
    400,
    "reason",
    sup("POST", "/sessions/{queued}/end", { reason: "gone" }),
  ],
  ["a message has a body", 400, "body", message({})],
  ["a message is at most 4000 characters", 400, "body", message({ body: x(4001) })],
  ["a message id is a uuid", 400, "id", message({ id: "1", body: "Hi" })],
  ["a live stream resumes from a sequence number", 400, "headers.last-event-id", stream("", { "last-event-id": "a" })],
  ["a live stream starts after a sequence number", 400, "querystring.after", stream("?after=-1")],
];

const peopleCases: Case[] = [
  [
    "an agent status is online, away or offline",
    400,
    "status",
    as("agent", "PUT", "/agents/{alice}/status", { status: "?" }),
  ],
  ["only live agents have a status", 400, "status", sup("PUT", "/agents/{supervisor}/status", { status: "online" })],
  ["a new user's email is an email address", 400, "email", newUser({ email: "nia" })],
  ["a password has at least 8 characters", 400, "password", newUser({ password: "short" })],
  ["a user holds at least one role", 400, "roles", newUser({ roles: [] })],
  ["roles are admin, supervisor or agent", 400, "roles.0", newUser({ roles: ["root"] })],
  ["a new user's teams must exist", 404, "teamIds", newUser({ teamIds: ["{billing}", unknown] })],
  ["an email already in use, in any case, is a conflict", 409, "email", newUser({ email: "{aliceEmailInCapitals}" })],
  ["a user edit changes something", 400, "body", admin("PATCH", "/users/{alice}", {})],
  ["sign-in needs an email", 400, "email", signIn({ password: "anything" })],
  [
    "a wrong password does not say which part was wrong",
    401,
    undefined,
    signIn({ email: "{aliceEmail}", password: "no" }),
  ],
];

const badTeamNames = ["1st_line", "Tier 2", "Tier-2", "", "Équipe", "_hidden", x(51)];
const organizationCases: Case[] = [
  ...badTeamNames.map(
    (name): Case => [`a team name like "${name.slice(0, 12)}" is refused`, 400, "name", newTeam({ name })],
  ),
  ["a team name is text", 400, "name", newTeam({ name: 7 })],
  ["a team description is at most 200 characters", 400, "description", newTeam({ name: "Sales", description: x(201) })],
  ["a team name is unique, whatever its case", 409, "name", newTeam({ name: "SUPPORT" })],
  ["a renamed team follows the same rule", 400, "name", editTeam({ name: "Sup port" })],
  ["a team is made default, never undefaulted", 400, "isDefault", editTeam({ isDefault: false })],
  ["a team edit changes something", 400, "body", editTeam({})],
  ["the default team cannot be deleted", 409, undefined, sup("DELETE", "/teams/{general}")],
  ["a member who does not exist is not found", 404, "userId", sup("PUT", `/teams/{support}/members/${unknown}`)],
  ["only live agents can be team members", 400, "userId", sup("PUT", "/teams/{support}/members/{supervisor}")],
  ["removing a non-member is not found", 404, "userId", sup("DELETE", "/teams/{support}/members/{supervisor}")],
  ["a bot name is not blank", 400, "name", admin("POST", "/bots", { name: "  " })],
  ["a bot name is at most 100 characters", 400, "name", admin("POST", "/bots", { name: x(101) })],
  ["a bot name is unique", 409, "name", admin("POST", "/bots", { name: "Helper Bot" })],
  ["a bot that handed over conversations stays for the reports", 409, undefined, admin("DELETE", "/bots/{helperBot}")],
  ["a routing rule has at least one condition", 400, "conditions", newRule({ conditions: [] })],
  ["a routing rule has at most 20 conditions", 400, "conditions", newRule({ conditions: Array(21).fill(condition) })],
  ["a condition has a key", 400, "conditions.0.key", newRule({ conditions: [{ key: "", value: "gold" }] })],
  ["a routing rule name is at most 50 characters", 400, "name", newRule({ name: x(51) })],
  ["a routing rule's enabled flag is a boolean", 400, "enabled", newRule({ enabled: "yes" })],
  ["a routing rule's team must exist", 404, "teamId", newRule({ teamId: unknown })],
  ["a routing rule cannot move to a team that does not exist", 404, "teamId", editRule({ teamId: unknown })],
  ["a routing rule edit changes something", 400, "body", editRule({})],
  [
    "a routing test's attributes are text",
    400,
    "attributes.tier",
    sup("POST", "/routing-rules/test", { attributes: { tier: 1 } }),
  ],
  ["an API key is named", 400, "name", admin("POST", "/api-keys", { name: "" })],
];

/** A well-formed id in the URL that names nothing: 404, and the URL is what is missing, so no field. */
const missing: [what: string, request: BadRequest][] = [
  ["session to accept", as("agent", "POST", `/sessions/${unknown}/accept`)],
  ["session to end", as("apiKey", "POST", `/sessions/${unknown}/end`, {})],
  ["session to transfer", sup("POST", `/sessions/${unknown}/transfer`, { teamId: "{billing}" })],
  ["conversation to read", sup("GET", `/conversations/${unknown}/messages`)],
  ["conversation to write to", as("apiKey", "POST", `/conversations/${unknown}/messages`, { body: "Hi" })],
  ["agent whose status to change", sup("PUT", `/agents/${unknown}/status`, { status: "away" })],
  ["user to edit", admin("PATCH", `/users/${unknown}`, { name: "Nobody" })],
  ["team to edit", sup("PATCH", `/teams/${unknown}`, { name: "Ghosts" })],
  ["team to delete", sup("DELETE", `/teams/${unknown}`)],
  ["team to add a member to", sup("PUT", `/teams/${unknown}/members/{alice}`)],
  ["bot to rename", admin("PATCH", `/bots/${unknown}`, { name: "Ghost" })],
  ["bot to delete", admin("DELETE", `/bots/${unknown}`)],
  ["routing rule to delete", sup("DELETE", `/routing-rules/${unknown}`)],
  ["API key to revoke", admin("DELETE", `/api-keys/${unknown}`)],
];
/** An id in the URL that is not a uuid at all: 400, naming the parameter. */
const malformed: [field: string, request: BadRequest][] = [
  ["params.id", as("agent", "POST", "/sessions/42/accept")],
  ["params.id", as("apiKey", "POST", "/conversations/abc/messages", { body: "Hi" })],
  ["params.id", sup("PUT", "/agents/alice/status", { status: "away" })],
  ["params.id", sup("DELETE", "/teams/support")],
  ["params.userId", sup("PUT", "/teams/{support}/members/alice")],
  ["params.id", admin("DELETE", "/api-keys/sbk_123")],
];
const urlCases: Case[] = [
  ...missing.map(([what, request]): Case => [`a ${what} that does not exist is not found`, 404, undefined, request]),
  ...malformed.map(
    ([field, request]): Case => [`an id that is not a uuid is refused: ${request.url}`, 400, field, request],
  ),
];

const defaultCode: Record<number, string> = {
  400: "invalid_input",
  401: "unauthenticated",
  404: "not_found",
  409: "conflict",
};
const fill = (text: string) => text.replace(/\{(\w+)\}/g, (placeholder, name: string) => records[name] ?? placeholder);

function clientOf(who: Caller): ApiClient | undefined {
  const clients = { supervisor: org.supervisor.api, admin: org.admin.api, agent: org.alice.api, apiKey: org.bot };
  return who === "nobody" ? undefined : clients[who];
}

async function send(request: BadRequest) {
  const body = request.raw ?? (request.body === undefined ? undefined : fill(JSON.stringify(request.body)));
  const headers = { ...(body !== undefined && { "content-type": "application/json" }), ...request.headers };
  const response = await fetch(`${server.url}/api/v1${fill(request.url)}`, {
    method: request.method,
    headers: clientOf(request.as)?.headers(headers) ?? headers,
    body,
  });
  return { status: response.status, body: await response.json() };
}

/** What any change would move: the event log's position and the API keys (which are not events). */
async function fingerprint() {
  const [live, keys] = await Promise.all([org.supervisor.api.get("/live-sessions"), org.admin.api.get("/api-keys")]);
  return { seq: live.body.seq as number, sessions: live.body.sessions, keys: keys.body.keys };
}

beforeAll(async () => {
  server = await startTestServer();
  org = await createTestOrg(server);
  const queued = await handoff(org);
  const active = await handoff(org);
  await org.alice.api.post(`/sessions/${active.sessionId}/accept`);
  const created = await org.supervisor.api.post("/routing-rules", { ...rule, teamId: org.teams.billing });
  const bots = await org.bot.get("/bots");
  Object.assign(records, {
    queued: queued.sessionId,
    conversation: active.conversationId,
    alice: org.alice.user.id,
    aliceEmail: org.alice.email,
    aliceEmailInCapitals: org.alice.email.toUpperCase(),
    supervisor: org.supervisor.user.id,
    general: org.teams.general,
    support: org.teams.support,
    billing: org.teams.billing,
    rule: created.body.id,
    helperBot: bots.body.bots.find((bot: { name: string }) => bot.name === "Helper Bot").id,
  });
});
afterAll(() => server?.close());

describe.each([
  ["hand-offs and request bodies", handoffCases],
  ["sessions, conversations and the live stream", sessionCases],
  ["people and sign-in", peopleCases],
  ["teams, bots, routing rules and API keys", organizationCases],
  ["ids in the URL", urlCases],
])("bad input to %s", (_area, cases) => {
  it.each(cases)("%s", async (_rule, status, field, request, code) => {
    const before = await fingerprint();
    const reply = await send(request);
    expect(reply.status).toBe(status);
    const error = { code: code ?? defaultCode[status], message: expect.any(String), ...(field && { field }) };
    expect(reply.body).toStrictEqual({ error });
    expect(await fingerprint()).toEqual(before);
  });
});

describe("an edit changes only what it names", () => {
  it("renaming a disabled routing rule keeps it disabled and keeps its description", async () => {
    const body = { ...rule, teamId: org.teams.billing, description: "Gold customers", enabled: false };
    const created = await org.supervisor.api.post("/routing-rules", body);
    const renamed = await org.supervisor.api.patch(`/routing-rules/${created.body.id}`, { name: "Gold" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ ...created.body, name: "Gold" });
  });
});
