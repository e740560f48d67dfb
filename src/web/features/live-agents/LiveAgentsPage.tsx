// Live Agents: who is active, away or offline, in which teams, with how many chats against capacity.
// A supervisor can change an agent's status. Kept current by the live feed.
import { Badge, Box, Group, Select, Stack, Table, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { type Agent, type AgentStatus, agentStatuses } from "../../../shared/people";
import { defaultSettings } from "../../../shared/settings";
import { agentsQueryKey, useAgents } from "../../lib/agents";
import { ApiError, api } from "../../lib/api";
import { useSettings } from "../../lib/queries";
import { filterAgents, orderAgents, statusLabel } from "./agents-view";

const dotColor: Record<AgentStatus, string> = { online: "#2b8a3e", away: "#e67700", offline: "#868e96" };

function StatusDot({ status }: { status: AgentStatus }) {
  return (
    <Box
      component="span"
      w={10}
      h={10}
      style={{ borderRadius: "50%", background: dotColor[status], display: "inline-block" }}
      aria-hidden
    />
  );
}

function StatusPicker({ agent }: { agent: Agent }) {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const change = async (status: string | null) => {
    if (!status || status === agent.status) return;
    try {
      setError(null);
      const user = await api<Agent>(`/agents/${agent.id}/status`, { method: "PUT", body: { status } });
      client.setQueryData<Agent[]>(agentsQueryKey, (list) =>
        list?.map((a) => (a.id === agent.id ? { ...a, ...user, teams: a.teams, activeChats: a.activeChats } : a)),
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not change the status.");
    }
  };
  return (
    <Select
      size="xs"
      w={120}
      aria-label={`Status of ${agent.name}`}
      value={agent.status}
      onChange={change}
      allowDeselect={false}
      error={error}
      data={agentStatuses.map((s) => ({ value: s, label: statusLabel[s] }))}
    />
  );
}

export function LiveAgentsPage() {
  const { data: agents = [], isPending } = useAgents();
  const capacity = useSettings().data?.maxChatsPerAgent ?? defaultSettings.maxChatsPerAgent;
  const [params, setParams] = useSearchParams();
  const status = (agentStatuses as readonly string[]).includes(params.get("status") ?? "")
    ? (params.get("status") as AgentStatus)
    : null;
  const query = params.get("q") ?? "";
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: key === "q" });
  };
  const rows = useMemo(() => filterAgents(orderAgents(agents), status, query), [agents, status, query]);
  useEffect(() => {
    document.title = "Live Agents · Switchboard";
  }, []);

  return (
    <Stack gap="sm">
      <Title order={1} size="h2">
        Live Agents
      </Title>
      <Group gap="xs" align="end">
        <TextInput
          label="Search"
          placeholder="Name or email"
          w={240}
          value={query}
          onChange={(e) => set("q", e.currentTarget.value)}
        />
        <Select
          label="Status"
          placeholder="All statuses"
          clearable
          w={160}
          value={status}
          onChange={(v) => set("status", v)}
          data={agentStatuses.map((s) => ({ value: s, label: statusLabel[s] }))}
        />
        <Text size="sm" c="dimmed">
          {agents.filter((a) => a.status === "online").length} active ·{" "}
          {agents.filter((a) => a.status === "away").length} away ·{" "}
          {agents.filter((a) => a.status === "offline").length} offline
        </Text>
      </Group>
      <Table striped highlightOnHover withTableBorder aria-label="Live agents">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Status</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Teams</Table.Th>
            <Table.Th>Chats now / capacity</Table.Th>
            <Table.Th>Change status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((agent) => (
            <Table.Tr key={agent.id} data-agent-id={agent.id}>
              <Table.Td>
                <Group gap={6}>
                  <StatusDot status={agent.status} />
                  <Text size="sm" data-testid="agent-status">
                    {statusLabel[agent.status]}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td>{agent.name}</Table.Td>
              <Table.Td>{agent.email}</Table.Td>
              <Table.Td>
                <Tooltip label={agent.teams.map((t) => t.name).join(", ") || "No teams"}>
                  <Badge variant="light" color="gray" tabIndex={0}>
                    {agent.teams.length} {agent.teams.length === 1 ? "team" : "teams"}
                  </Badge>
                </Tooltip>
              </Table.Td>
              <Table.Td data-testid="agent-load">
                {agent.activeChats} / {capacity}
              </Table.Td>
              <Table.Td>
                <StatusPicker agent={agent} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!isPending && rows.length === 0 && (
        <Text c="dimmed" ta="center">
          No agents match.
        </Text>
      )}
    </Stack>
  );
}
