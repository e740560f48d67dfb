// Queued, active, longest and average wait, agents online and away — and the same per team, compactly.
import { Paper, SimpleGrid, Table, Text } from "@mantine/core";
import { formatDuration } from "../../../shared/live-order";
import { useServerNow } from "../../lib/use-server-now";
import type { Figures } from "./figures";

// Whole seconds at both ends, so the figures tick with the table's timers.
const waitSince = (from: number | null, now: number) =>
  from === null ? "—" : formatDuration(Math.floor(now / 1000) * 1000 - Math.floor(from / 1000) * 1000);

function Figure({ label, value, testId }: { label: string; value: string | number; testId: string }) {
  return (
    <Paper withBorder p="xs" radius="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

export function HeaderFigures({ figures }: { figures: Figures }) {
  const now = useServerNow();
  return (
    <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }} spacing="xs">
      <Figure label="Queued" value={figures.queued} testId="figure-queued" />
      <Figure label="Active" value={figures.active} testId="figure-active" />
      <Figure label="Longest wait" value={waitSince(figures.oldestQueuedAt, now)} testId="figure-longest-wait" />
      <Figure label="Average wait" value={waitSince(figures.meanQueuedAt, now)} testId="figure-average-wait" />
      <Figure label="Agents online" value={figures.online} testId="figure-online" />
      <Figure label="Agents away" value={figures.away} testId="figure-away" />
    </SimpleGrid>
  );
}

export function TeamBreakdown({ figures }: { figures: Figures }) {
  const now = useServerNow();
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm" aria-label="Per team">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Team</Table.Th>
          <Table.Th>Queued</Table.Th>
          <Table.Th>Active</Table.Th>
          <Table.Th>Longest wait</Table.Th>
          <Table.Th>Average wait</Table.Th>
          <Table.Th>Online / away</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {figures.teams.map((team) => (
          <Table.Tr key={team.teamId} data-team={team.teamName}>
            <Table.Td>{team.teamName}</Table.Td>
            <Table.Td>{team.queued}</Table.Td>
            <Table.Td>{team.active}</Table.Td>
            <Table.Td>{waitSince(team.oldestQueuedAt, now)}</Table.Td>
            <Table.Td>{waitSince(team.meanQueuedAt, now)}</Table.Td>
            <Table.Td>{`${team.online} / ${team.away}`}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
