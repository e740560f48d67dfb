// The one schema of Switchboard, for PGlite and PostgreSQL alike. Migrations are generated from it
// (`npm run db:generate`) into src/server/db/migrations.
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const orgId = () =>
  uuid("org_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull(),
  settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
});

// One hot row per organization: bumping it in the committing transaction gives event sequence numbers
// that have no gaps and follow commit order (see MEASURED.md and src/server/events/writer.ts).
export const eventCounters = pgTable("event_counters", {
  orgId: uuid("org_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  lastSeq: bigint("last_seq", { mode: "number" }).notNull().default(0),
});

// What the write path keeps in memory per organization (routing rules, teams, bots, settings: see
// src/server/domain/org-config.ts) is checked against this number, which triggers bump on every change to
// those tables (migration 0004). No foreign key: the triggers also fire while an organization is deleted.
export const configVersions = pgTable("config_versions", {
  orgId: uuid("org_id").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull(),
});

export const events = pgTable(
  "events",
  {
    orgId: orgId(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.seq] }),
    // Pruning by age (EVENT_RETENTION_HOURS): the log is appended in time order, so a BRIN index finds
    // old blocks cheaply and costs the hot insert almost nothing.
    index("events_created_brin").using("brin", t.createdAt),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey(),
    orgId: orgId(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    roles: text("roles").array().notNull(),
    // Live agent state (PRODUCT.md: online shown as Active, away, offline).
    status: text("status").notNull().default("offline"),
    statusChangedAt: at("status_changed_at").notNull().defaultNow(),
    onlineSince: at("online_since"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(sql`lower(${t.email})`), index("users_org_idx").on(t.orgId)],
);

// For round-robin, ties go to the agent assigned least recently (PRODUCT.md). Kept apart from `users` so
// that only assignment passes, which hold the organization's assignment lock, ever lock these rows: a pass
// never waits for a row another transaction holds (src/server/domain/assignment.ts).
export const assignmentMarks = pgTable("assignment_marks", {
  agentId: uuid("agent_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  lastAssignedAt: at("last_assigned_at").notNull(),
});

export const authSessions = pgTable("auth_sessions", {
  tokenHash: text("token_hash").primaryKey(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  orgId: orgId(),
  createdAt: createdAt(),
  expiresAt: at("expires_at").notNull(),
});

export const apiKeys = pgTable("api_keys", {
  id: uuid("id").primaryKey(),
  orgId: orgId(),
  name: text("name").notNull(),
  keyHash: text("key_hash").notNull().unique(),
  prefix: text("prefix").notNull(),
  createdAt: createdAt(),
  revokedAt: at("revoked_at"),
});

export const teams = pgTable(
  "teams",
  {
    id: uuid("id").primaryKey(),
    orgId: orgId(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: createdAt(),
    /** Deleted teams stay for the history that refers to them (reports, transcripts). */
    deletedAt: at("deleted_at"),
  },
  (t) => [
    uniqueIndex("teams_org_name_unique").on(t.orgId, sql`lower(${t.name})`).where(sql`${t.deletedAt} is null`),
    // Exactly one default team per organization (PRODUCT.md, Routing and assignment).
    uniqueIndex("teams_one_default").on(t.orgId).where(sql`${t.isDefault}`),
  ],
);

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: orgId(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_members_user_idx").on(t.userId)],
);

export const bots = pgTable(
  "bots",
  {
    id: uuid("id").primaryKey(),
    orgId: orgId(),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("bots_org_name_unique").on(t.orgId, t.name)],
);

export const customers = pgTable(
  "customers",
  {
    id: uuid("id").primaryKey(),
    orgId: orgId(),
    name: text("name").notNull(),
    email: text("email"),
    externalId: text("external_id"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("customers_external_unique").on(t.orgId, t.externalId).where(sql`${t.externalId} is not null`)],
);

export const routingRules = pgTable(
  "routing_rules",
  {
    id: uuid("id").primaryKey(),
    orgId: orgId(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    conditions: jsonb("conditions").$type<{ key: string; value: string }[]>().notNull(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: createdAt(),
    /** Deleted rules stay: sessions record the rule that routed them. */
    deletedAt: at("deleted_at"),
  },
  (t) => [index("routing_rules_org_idx").on(t.orgId, t.createdAt)],
);

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey(),
    orgId: orgId(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id),
    botId: uuid("bot_id")
      .notNull()
      .references(() => bots.id),
    channelName: text("channel_name").notNull(),
    channelType: text("channel_type").notNull(),
    attributes: jsonb("attributes").$type<Record<string, string>>().notNull(),
    createdAt: createdAt(),
    endedAt: at("ended_at"),
    /** The customer's credential for this conversation only (the chat widget); stored as a SHA-256 hash. */
    customerTokenHash: text("customer_token_hash").unique(),
  },
  (t) => [index("conversations_org_idx").on(t.orgId, t.createdAt)],
);

export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey(),
    orgId: orgId(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    agentId: uuid("agent_id").references(() => users.id),
    routingRuleId: uuid("routing_rule_id").references(() => routingRules.id),
    previousSessionId: uuid("previous_session_id"),
    transferNote: text("transfer_note"),
    status: text("status").notNull(),
    queuedAt: at("queued_at").notNull(),
    acceptedAt: at("accepted_at"),
    endedAt: at("ended_at"),
    endReason: text("end_reason"),
    endedBy: text("ended_by"),
    /** When the agent closed a chat the customer had ended (it stays in their Active list until then). */
    closedAt: at("closed_at"),
  },
  (t) => [
    // The live path reads only queued and active rows; this keeps it off the history.
    index("sessions_live_idx").on(t.orgId, t.status).where(sql`${t.status} <> 'ended'`),
    index("sessions_conversation_idx").on(t.conversationId),
    // An agent's load (active chats), counted under a lock by automatic assignment.
    index("sessions_agent_active_idx").on(t.agentId).where(sql`${t.status} = 'active'`),
    // A team's queue, longest waiter first: what automatic assignment takes and an agent's inbox shows.
    index("sessions_queue_idx").on(t.teamId, t.queuedAt, t.id).where(sql`${t.status} = 'queued'`),
    // History (reports, exports) by time: keyset cursors resume on (queued_at, id), and with `status = 'ended'`
    // it serves the ended part of the report's order too (src/server/domain/reports).
    index("sessions_history_idx").on(t.orgId, t.queuedAt, t.id),
    // The lifecycle, enforced by the database and not only by code (PRODUCT.md, "Words").
    uniqueIndex("sessions_one_live_leg").on(t.conversationId).where(sql`${t.status} <> 'ended'`),
    check("sessions_status_known", sql`${t.status} in ('queued', 'active', 'ended')`),
    check(
      "sessions_queued_unassigned",
      sql`${t.status} <> 'queued' or (${t.agentId} is null and ${t.acceptedAt} is null)`,
    ),
    check(
      "sessions_active_assigned",
      sql`${t.status} <> 'active' or (${t.agentId} is not null and ${t.acceptedAt} is not null)`,
    ),
    check(
      "sessions_ended_has_reason",
      sql`${t.status} <> 'ended' or (${t.endedAt} is not null and ${t.endReason} in ('resolved', 'transferred', 'customer_left', 'timed_out'))`,
    ),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey(),
    orgId: orgId(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id),
    sessionId: uuid("session_id"),
    author: text("author").notNull(),
    agentId: uuid("agent_id"),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("messages_conversation_idx").on(t.conversationId, t.createdAt)],
);

// Who changed which configuration, when, from what to what (PRODUCT.md, "Audit").
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey(),
    /** Insertion order: the log's order and its paging cursor, even for entries of the same instant. */
    n: bigserial("n", { mode: "number" }).notNull(),
    orgId: orgId(),
    at: at("at").notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
    kind: text("kind").notNull(),
    action: text("action").notNull(),
    subjectId: uuid("subject_id"),
    summary: text("summary").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [index("audit_log_org_n_idx").on(t.orgId, t.n)],
);

// CSV exports of the Reports page, run as background jobs (src/server/jobs/export-runner.ts). A job is claimed
// with FOR UPDATE SKIP LOCKED and leased: a process that dies leaves a lapsed lease, and the job runs again.
export const exportJobs = pgTable(
  "export_jobs",
  {
    id: uuid("id").primaryKey(),
    /** Insertion order: the list's order and the claim order, even for jobs of the same instant. */
    n: bigserial("n", { mode: "number" }).notNull(),
    orgId: orgId(),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    /** The report's range and filters, as the API received them (src/shared/reports.ts). */
    query: jsonb("query").$type<Record<string, unknown>>().notNull(),
    status: text("status").notNull().default("queued"),
    createdAt: createdAt(),
    startedAt: at("started_at"),
    finishedAt: at("finished_at"),
    attempts: integer("attempts").notNull().default(0),
    /** The process running it, and until when its lease holds (the database's clock). */
    workerId: text("worker_id"),
    leaseUntil: at("lease_until"),
    rowCount: bigint("row_count", { mode: "number" }),
    byteCount: bigint("byte_count", { mode: "number" }),
    error: text("error"),
  },
  (t) => [
    index("export_jobs_org_idx").on(t.orgId, t.n),
    // The runners' claim reads only unfinished jobs.
    index("export_jobs_pending_idx").on(t.n).where(sql`${t.status} in ('queued', 'running')`),
    check("export_jobs_status_known", sql`${t.status} in ('queued', 'running', 'complete', 'failed')`),
  ],
);

// Quick responses: templates an agent inserts with `#` (PRODUCT.md, "Agent console").
export const quickResponses = pgTable(
  "quick_responses",
  {
    id: uuid("id").primaryKey(),
    orgId: orgId(),
    shortcut: text("shortcut").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("quick_responses_org_shortcut").on(t.orgId, sql`lower(${t.shortcut})`)],
);
