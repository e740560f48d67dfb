// The figures per team, live agent, channel, bot or hour of day.
import { Fieldset, Group, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import type { ReportGrouping, ReportSummary } from "../../../shared/reports";
import { count, duration, percent } from "./format";
import classes from "./Reports.module.css";

export const groupingLabels: Record<ReportGrouping, string> = {
  team: "Team",
  agent: "Live agent",
  channel: "Channel",
  bot: "Bot",
  hour: "Hour",
};

export function BreakdownTable({
  grouping,
  summary,
  onGrouping,
}: {
  grouping: ReportGrouping;
  summary: ReportSummary | undefined;
  onGrouping(grouping: ReportGrouping): void;
}) {
  const groups = summary?.groups ?? [];
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="end">
        <Title order={2} size="h4" id="breakdown-title">
          Breakdown
        </Title>
        <Fieldset variant="unstyled" legend="Break down by" classNames={{ legend: classes.legend }}>
          <SegmentedControl
            size="xs"
            value={grouping}
            onChange={(value) => onGrouping(value as ReportGrouping)}
            data={Object.entries(groupingLabels).map(([value, label]) => ({ value, label }))}
          />
        </Fieldset>
      </Group>
      <Table.ScrollContainer minWidth={760}>
        <Table withTableBorder striped fz="sm" aria-labelledby="breakdown-title" data-testid="breakdown">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{groupingLabels[grouping]}</Table.Th>
              <Table.Th>Sessions</Table.Th>
              <Table.Th>Average wait</Table.Th>
              <Table.Th>Median wait</Table.Th>
              <Table.Th>90th pct. wait</Table.Th>
              <Table.Th>Average handle time</Table.Th>
              <Table.Th>Transfers</Table.Th>
              <Table.Th>Abandoned</Table.Th>
              <Table.Th>Timed out</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groups.map((g) => (
              <Table.Tr key={g.key ?? "none"}>
                <Table.Th scope="row" fw={500}>
                  {g.label}
                </Table.Th>
                <Table.Td>{count(g.figures.sessions)}</Table.Td>
                <Table.Td>{duration(g.figures.averageWaitMs)}</Table.Td>
                <Table.Td>{duration(g.figures.medianWaitMs)}</Table.Td>
                <Table.Td>{duration(g.figures.p90WaitMs)}</Table.Td>
                <Table.Td>{duration(g.figures.averageHandleMs)}</Table.Td>
                <Table.Td>{count(g.figures.transfers)}</Table.Td>
                <Table.Td>{percent(g.figures.abandonedShare)}</Table.Td>
                <Table.Td>{percent(g.figures.timedOutShare)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {summary && groups.length === 0 && (
        <Text c="dimmed" ta="center" size="sm">
          No sessions in this range.
        </Text>
      )}
    </Stack>
  );
}
