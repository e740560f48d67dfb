// FOR THE BENCHMARK ONLY: a million historical sessions written straight into PostgreSQL with
// generate_series, because a million hand-offs through the domain would take the better part of an hour on
// two cores. The rows are shaped as the domain writes them (src/server/domain/sessions/*): one conversation
// per hand-off; a leg ends `resolved`, `transferred` (a next leg in another team follows, linked by
// previous_session_id, with a note), `customer_left` or `timed_out` (both while still queued); accepted legs
// name a live agent; every leg names its team and, when a rule routed it, the rule. Times run forward with
// the conversation number, as a real log's would (the heap is in time order). The application never runs this.
import pg from "pg";

export interface HistoryPlan {
  orgId: string;
  defaultTeamId: string;
  agentIds: string[];
  /** Legs in all; about 8 % of conversations are transferred once, so conversations ≈ sessions ÷ 1.08. */
  sessions: number;
  /** The history ends this long before now and spans `days` before that. */
  days: number;
}

export interface SeededHistory {
  sessions: number;
  conversations: number;
  seconds: number;
  from: string;
  to: string;
}

/** Conversations g with g % 25 in (0, 12) are transferred once: 2 of every 25, 8 %. */
const transferredAmong = (conversations: number) =>
  Math.floor((conversations + 24) / 25) + Math.floor((conversations + 12) / 25);

/** How many conversations make exactly `sessions` legs (or one fewer, when no count does). */
function conversationsFor(sessions: number) {
  let conversations = Math.round(sessions / 1.08);
  while (conversations + transferredAmong(conversations) > sessions) conversations--;
  return conversations;
}

export async function seedHistory(url: string, plan: HistoryPlan): Promise<SeededHistory> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  const conversations = conversationsFor(plan.sessions);
  const to = new Date(Date.now() - 3_600_000);
  const from = new Date(to.getTime() - plan.days * 86_400_000);
  const org = plan.orgId;
  try {
    await client.query("begin");
    // Ids derived from a name, so the legs can name their conversation and its bot; shaped as version-4
    // UUIDs (the version and variant digits set), as the API's contract expects of every id.
    await client.query(
      `create function pg_temp.uuid_of(name text) returns uuid language sql immutable as
       $$ select overlay(overlay(md5(name) placing '4' from 13) placing '8' from 17)::uuid $$`,
    );
    // Teams, bots and routing rules beside the default team, so the breakdowns have several groups.
    await client.query(
      `insert into teams (id, org_id, name, description)
       select pg_temp.uuid_of($1::text || 'team' || n), $1::uuid, name, 'bench'
       from unnest(array['Billing', 'Technical_Support', 'Spanish', 'Orders']) with ordinality as t(name, n)`,
      [org],
    );
    await client.query(
      `insert into bots (id, org_id, name)
       select pg_temp.uuid_of($1::text || 'bot' || n), $1::uuid, name
       from unnest(array['Ava', 'OrderBot', 'Billing Bot']) with ordinality as b(name, n)`,
      [org],
    );
    await client.query(
      `insert into routing_rules (id, org_id, name, conditions, team_id)
       select pg_temp.uuid_of($1::text || 'rule' || n), $1::uuid, 'topic is ' || n, jsonb_build_array(jsonb_build_object('key', 'topic', 'value', n::text)),
              pg_temp.uuid_of($1::text || 'team' || n)
       from generate_series(1, 4) as n`,
      [org],
    );
    await client.query(
      `insert into customers (id, org_id, name, email)
       select pg_temp.uuid_of($1::text || 'customer' || n), $1::uuid, 'Customer ' || n, 'customer' || n || '@example.test'
       from generate_series(0, 49999) as n`,
      [org],
    );
    // One conversation per hand-off, in time order.
    await client.query(
      `insert into conversations (id, org_id, customer_id, bot_id, channel_name, channel_type, attributes, created_at, ended_at)
       select pg_temp.uuid_of($1::text || 'conversation' || g), $1::uuid, pg_temp.uuid_of($1::text || 'customer' || (g % 50000)),
              pg_temp.uuid_of($1::text || 'bot' || (1 + g % 3)),
              (array['Website', 'WhatsApp', 'SMS', 'Messenger'])[1 + g % 4], (array['web', 'whatsapp', 'sms', 'messenger'])[1 + g % 4],
              jsonb_build_object('topic', (g % 5)::text),
              $2::timestamptz + (g::float8 / $4) * ($3::timestamptz - $2::timestamptz),
              $2::timestamptz + (g::float8 / $4) * ($3::timestamptz - $2::timestamptz) + interval '20 minutes'
       from generate_series(0, $4 - 1) as g`,
      [org, from, to, conversations],
    );
    // The legs. Per conversation g: wait ≈ exponential (mean 45 s), handle time 2–17 min. Of every 50
    // conversations 3 are abandoned (customer left while queued) and 1 times out; 2 of every 25 are
    // transferred after a conversation and finish in another team.
    await client.query(
      `with c as (
         select g,
                $2::timestamptz + (g::float8 / $5) * ($3::timestamptz - $2::timestamptz) as queued_at,
                make_interval(secs => -ln(1 - random()) * 45) as wait,
                make_interval(secs => 120 + random() * 900) as handle,
                case when g % 50 in (7, 19, 33) then 'customer_left'
                     when g % 50 = 41 then 'timed_out'
                     when g % 25 in (0, 12) then 'transferred'
                     else 'resolved' end as reason,
                1 + g % 5 as team_n
         from generate_series(0, $5 - 1) as g
       ), first_leg as (
         insert into sessions (id, org_id, conversation_id, team_id, agent_id, routing_rule_id, status, queued_at, accepted_at, ended_at, end_reason, ended_by)
         select pg_temp.uuid_of($1::text || 'leg1' || g), $1::uuid, pg_temp.uuid_of($1::text || 'conversation' || g),
                case when team_n = 5 then $4::uuid else pg_temp.uuid_of($1::text || 'team' || team_n) end,
                case when reason in ('customer_left', 'timed_out') then null else ($6::uuid[])[1 + g % array_length($6::uuid[], 1)] end,
                case when team_n = 5 then null else pg_temp.uuid_of($1::text || 'rule' || team_n) end,
                'ended', queued_at,
                case when reason in ('customer_left', 'timed_out') then null else queued_at + wait end,
                case when reason = 'timed_out' then queued_at + interval '10 minutes'
                     when reason = 'customer_left' then queued_at + wait * 2
                     else queued_at + wait + handle end,
                reason,
                case reason when 'customer_left' then 'customer' when 'timed_out' then 'system' else 'agent' end
         from c
         returning 1
       )
       insert into sessions (id, org_id, conversation_id, team_id, agent_id, previous_session_id, transfer_note, status, queued_at, accepted_at, ended_at, end_reason, ended_by)
       select pg_temp.uuid_of($1::text || 'leg2' || g), $1::uuid, pg_temp.uuid_of($1::text || 'conversation' || g),
              pg_temp.uuid_of($1::text || 'team' || (1 + (team_n % 4))),
              ($6::uuid[])[1 + (g + 7) % array_length($6::uuid[], 1)],
              pg_temp.uuid_of($1::text || 'leg1' || g), 'Needs a specialist',
              'ended', queued_at + wait + handle, queued_at + wait * 2 + handle, queued_at + wait * 2 + handle * 2,
              'resolved', 'agent'
       from c where reason = 'transferred'`,
      [org, from, to, plan.defaultTeamId, conversations, plan.agentIds],
    );
    await client.query("commit");
    // As autovacuum would after a bulk load: statistics for the planner, a visibility map for index-only scans.
    await client.query("vacuum analyze sessions, conversations, customers");
    const { rows } = await client.query<{ n: number }>("select count(*)::int as n from sessions where org_id = $1", [
      org,
    ]);
    return {
      sessions: rows[0].n,
      conversations,
      seconds: (performance.now() - started) / 1000,
      from: from.toISOString(),
      to: to.toISOString(),
    };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
