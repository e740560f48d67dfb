// Volume by hour of day and the distribution of waits, drawn by @mantine/charts (recharts). Each chart is a
// figure with a caption and a text alternative that gives its numbers.
import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Paper, SimpleGrid, Text, VisuallyHidden } from "@mantine/core";
import type { ReportSummary } from "../../../shared/reports";
import { waitBucketLabel } from "./format";

function ChartFigure({
  id,
  title,
  summary,
  data,
  dataKey,
  xLabel,
}: {
  id: string;
  title: string;
  summary: string;
  data: Record<string, string | number>[];
  dataKey: string;
  xLabel: string;
}) {
  return (
    <Paper withBorder p="sm" radius="md" component="figure" m={0} aria-labelledby={`${id}-title`} data-testid={id}>
      <Text component="figcaption" id={`${id}-title`} fw={600} size="sm" mb="xs">
        {title}
      </Text>
      <VisuallyHidden>{summary}</VisuallyHidden>
      <div aria-hidden="true">
        <BarChart
          h={220}
          data={data}
          dataKey={dataKey}
          series={[{ name: "Sessions", color: "indigo.7" }]}
          tickLine="y"
          xAxisLabel={xLabel}
          yAxisLabel="Sessions"
          barChartProps={{ accessibilityLayer: false }}
        />
      </div>
    </Paper>
  );
}

export function ReportCharts({ byHour }: { byHour: ReportSummary }) {
  const hours = byHour.groups.map((g) => ({ hour: g.label.slice(0, 2), Sessions: g.figures.sessions }));
  const waits = byHour.waitDistribution.map((b) => ({ wait: waitBucketLabel(b.fromMs, b.toMs), Sessions: b.sessions }));
  const list = (rows: { label: string; n: number }[]) => rows.map((r) => `${r.label}: ${r.n}`).join(", ");
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      <ChartFigure
        id="chart-volume-by-hour"
        title={`Sessions by hour of day (${byHour.timeZone})`}
        summary={`Sessions requested in each hour: ${list(byHour.groups.map((g) => ({ label: g.label, n: g.figures.sessions })))}.`}
        data={hours}
        dataKey="hour"
        xLabel="Hour"
      />
      <ChartFigure
        id="chart-wait-distribution"
        title="Wait before an agent accepted, or the customer left"
        summary={`Sessions by wait: ${list(waits.map((w) => ({ label: w.wait, n: w.Sessions })))}.`}
        data={waits}
        dataKey="wait"
        xLabel="Wait"
      />
    </SimpleGrid>
  );
}
