// Team, channel, bot and status filters and a search by user or agent name; all kept in the URL.
import { Group, Select, TextInput } from "@mantine/core";
import { useSearchParams } from "react-router";
import type { LiveSession } from "../../../shared/sessions";
import type { Team } from "../../lib/queries";
import { readFilters } from "./filters";

export function SessionFilterBar({ teams, rows }: { teams: readonly Team[]; rows: readonly LiveSession[] }) {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: key === "q" });
  };
  const channels = [...new Set(rows.map((r) => r.channel.name))].sort();
  if (filters.channel && !channels.includes(filters.channel)) channels.push(filters.channel);
  const bots = [...new Map(rows.map((r) => [r.bot.id, r.bot.name])).entries()].map(([value, label]) => ({
    value,
    label,
  }));
  return (
    <Group gap="xs" align="end">
      <Select
        label="Team"
        placeholder="All teams"
        clearable
        w={170}
        value={filters.team}
        onChange={(v) => set("team", v)}
        data={teams.map((t) => ({ value: t.id, label: t.name }))}
      />
      <Select
        label="Channel"
        placeholder="All channels"
        clearable
        w={150}
        value={filters.channel}
        onChange={(v) => set("channel", v)}
        data={channels}
      />
      <Select
        label="Bot"
        placeholder="All bots"
        clearable
        w={150}
        value={filters.bot}
        onChange={(v) => set("bot", v)}
        data={bots}
      />
      <Select
        label="Status"
        placeholder="Queued and active"
        clearable
        w={170}
        value={filters.status}
        onChange={(v) => set("status", v)}
        data={[
          { value: "queued", label: "Queued" },
          { value: "active", label: "Active" },
        ]}
      />
      <TextInput
        label="Search"
        placeholder="User or agent name"
        w={220}
        value={filters.q}
        onChange={(e) => set("q", e.currentTarget.value)}
      />
    </Group>
  );
}
