// Queued, active, longest and average wait, agents online and away — and the same per team, compactly.
import { Paper, SimpleGrid, Table, Text } from "@mantine/core";
import { memo, type ReactNode } from "react";
import { formatDuration } from "../../../shared/live-order";
import { useServerTime } from "../../lib/use-server-now";
import type { Figures } from "./figures";

// Whole seconds at both ends, so the figures tick with the table's timers.
const waitSince = (from: number | null, now: number) =>
  from === null ? "—" : formatDuration(Math.floor(now / 1000) * 1000 - Math.floor(from / 1000) * 1000);

/** The one part that ticks: its text alone re-renders each second, not the figures around it. */
function WaitSince({ from }: { from: number | null }) {
  return useServerTime((now) => waitSince(from, now));
}

function Figure({ label, value, testId }: { label: string; value: ReactNode; testId: string }) {
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

// Both memoized: they re-render when the figures change, not for every update of the page.
export const HeaderFigures = memo(function HeaderFigures({ figures }: { figures: Figures }) {
  return (
    <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }} spacing="xs">
      <Figure label="Queued" value={figures.queued} testId="figure-queued" />
      <Figure label="Active" value={figures.active} testId="figure-active" />
      <Figure label="Longest wait" value={<WaitSince from={figures.oldestQueuedAt} />} testId="figure-longest-wait" />
      <Figure label="Average wait" value={<WaitSince from={figures.meanQueuedAt} />} testId="figure-average-wait" />
      <Figure label="Agents online" value={figures.online} testId="figure-online" />
      <Figure label="Agents away" value={figures.away} testId="figure-away" />
    </SimpleGrid>
  );
});

export const TeamBreakdown = memo(function TeamBreakdown({ figures }: { figures: Figures }) {
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
            <Table.Td>
              <WaitSince from={team.oldestQueuedAt} />
            </Table.Td>
            <Table.Td>
              <WaitSince from={team.meanQueuedAt} />
            </Table.Td>
            <Table.Td>{`${team.online} / ${team.away}`}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
});
