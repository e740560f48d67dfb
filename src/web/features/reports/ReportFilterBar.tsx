// Team, live agent, channel, bot, status and end reason; each kept in the URL.
import { Group, Select } from "@mantine/core";
import { endReasons, sessionStatuses } from "../../../shared/sessions";
import { endReasonLabels } from "./format";
import type { FilterParam } from "./report-params";

export interface FilterOptions {
  teams: { value: string; label: string }[];
  agents: { value: string; label: string }[];
  channels: string[];
  bots: { value: string; label: string }[];
}

const statusLabels = { queued: "Queued", active: "Active", ended: "Ended" };

export function ReportFilterBar({
  values,
  options,
  onChange,
}: {
  values: Record<FilterParam, string | null>;
  options: FilterOptions;
  onChange(name: FilterParam, value: string | null): void;
}) {
  const withCurrent = (list: { value: string; label: string }[], current: string | null) =>
    current && !list.some((o) => o.value === current) ? [...list, { value: current, label: current }] : list;
  const select = (name: FilterParam, label: string, placeholder: string, data: { value: string; label: string }[]) => (
    <Select
      label={label}
      placeholder={placeholder}
      clearable
      searchable
      w={160}
      value={values[name]}
      onChange={(value) => onChange(name, value)}
      data={withCurrent(data, values[name])}
    />
  );
  return (
    <Group gap="xs" align="end" wrap="wrap">
      {select("team", "Team", "All teams", options.teams)}
      {select("agent", "Live agent", "All agents", options.agents)}
      {select(
        "channel",
        "Channel",
        "All channels",
        options.channels.map((c) => ({ value: c, label: c })),
      )}
      {select("bot", "Bot", "All bots", options.bots)}
      {select(
        "status",
        "Status",
        "All statuses",
        sessionStatuses.map((s) => ({ value: s, label: statusLabels[s] })),
      )}
      {select(
        "reason",
        "End reason",
        "All end reasons",
        endReasons.map((r) => ({ value: r, label: endReasonLabels[r] })),
      )}
    </Group>
  );
}
