// Team, channel, bot and status filters and a search by user or agent name; all kept in the URL.
import { Group, Select, TextInput } from "@mantine/core";
import { memo, useMemo, useRef } from "react";
import { useSearchParams } from "react-router";
import type { LiveSession } from "../../../shared/sessions";
import type { Team } from "../../lib/queries";
import { readFilters } from "./filters";

export interface FilterOptions {
  /** Channel names in the rows, sorted. */
  channels: readonly string[];
  /** Bots in the rows, as Select data. */
  bots: readonly { value: string; label: string }[];
}

/**
 * The channels and bots the rows hold, in one pass. The same object while they stay the same, so the bar
 * (four Selects) does not re-render for every update of 10,000 rows in Live mode.
 */
export function useFilterOptions(rows: readonly LiveSession[]): FilterOptions {
  const previous = useRef<{ key: string; options: FilterOptions } | null>(null);
  return useMemo(() => {
    const channelNames = new Set<string>();
    const botNames = new Map<string, string>();
    for (const row of rows) {
      channelNames.add(row.channel.name);
      botNames.set(row.bot.id, row.bot.name);
    }
    const channels = [...channelNames].sort();
    const bots = [...botNames.entries()].map(([value, label]) => ({ value, label }));
    const key = JSON.stringify([channels, bots]);
    if (previous.current?.key !== key) previous.current = { key, options: { channels, bots } };
    return previous.current.options;
  }, [rows]);
}

export const SessionFilterBar = memo(function SessionFilterBar({
  teams,
  options,
}: {
  teams: readonly Team[];
  options: FilterOptions;
}) {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: key === "q" });
  };
  const channels =
    filters.channel && !options.channels.includes(filters.channel)
      ? [...options.channels, filters.channel]
      : options.channels;
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
        data={options.bots}
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
});
