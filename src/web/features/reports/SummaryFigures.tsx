// The figures the reference lacks: volume, wait (average, median, p90), handle time, transfers, abandoned
// and timed-out share.
import { Paper, SimpleGrid, Text } from "@mantine/core";
import type { ReportFigures } from "../../../shared/reports";
import { count, duration, percent } from "./format";

function Figure({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <Paper withBorder p="xs" radius="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Paper>
  );
}

export function SummaryFigures({ figures }: { figures: ReportFigures }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 8 }} spacing="xs">
      <Figure
        label="Sessions"
        value={count(figures.sessions)}
        detail={`${count(figures.answered)} answered`}
        testId="figure-sessions"
      />
      <Figure label="Average wait" value={duration(figures.averageWaitMs)} testId="figure-average-wait" />
      <Figure label="Median wait" value={duration(figures.medianWaitMs)} testId="figure-median-wait" />
      <Figure label="90th percentile wait" value={duration(figures.p90WaitMs)} testId="figure-p90-wait" />
      <Figure label="Average handle time" value={duration(figures.averageHandleMs)} testId="figure-handle-time" />
      <Figure label="Transfers" value={count(figures.transfers)} testId="figure-transfers" />
      <Figure
        label="Abandoned"
        value={percent(figures.abandonedShare)}
        detail={`${count(figures.abandoned)} left while queued`}
        testId="figure-abandoned"
      />
      <Figure
        label="Timed out"
        value={percent(figures.timedOutShare)}
        detail={`${count(figures.timedOut)} sessions`}
        testId="figure-timed-out"
      />
    </SimpleGrid>
  );
}
