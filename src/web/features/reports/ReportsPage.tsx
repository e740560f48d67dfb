// Reports (PRODUCT.md, "Reports"): the history behind Live Sessions. A range and filters (kept in the URL),
// the summary figures and charts the reference lacks, a breakdown, the sessions a page at a time with
// their transcripts, and CSV exports run in the background.
import { Alert, Stack, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import type { ReportGrouping, ReportSort } from "../../../shared/reports";
import { useAgents } from "../../lib/agents";
import { ApiError, api } from "../../lib/api";
import { useTeams } from "../../lib/queries";
import { useReportSummary } from "./api";
import { BreakdownTable } from "./BreakdownTable";
import { ExportsPanel } from "./ExportsPanel";
import { RangePicker } from "./RangePicker";
import { ReportCharts } from "./ReportCharts";
import { ReportFilterBar } from "./ReportFilterBar";
import { ReportSessionsTable } from "./ReportSessionsTable";
import { browserTimeZone, dayOf, type RangeChoice, readRangeChoice, resolveRange } from "./range";
import {
  apiQuery,
  type FilterParam,
  filterParams,
  readFilters,
  readGrouping,
  readSort,
  withParam,
} from "./report-params";
import { SummaryFigures } from "./SummaryFigures";
import { TranscriptDrawer } from "./TranscriptDrawer";

const useBots = () =>
  useQuery({
    queryKey: ["reports", "bots"],
    queryFn: async () => (await api<{ bots: { id: string; name: string }[] }>("/bots")).bots,
    staleTime: 60_000,
  });

export function ReportsPage() {
  const [params, setParams] = useSearchParams();
  const [conversationId, setConversationId] = useState<string | null>(null);
  useEffect(() => {
    document.title = "Reports · Switchboard";
  }, []);

  const now = new Date();
  const timeZone = browserTimeZone();
  const choice = readRangeChoice(params, now);
  const range = resolveRange(choice, now);
  const filters = readFilters(params);
  const sort = readSort(params);
  const grouping = readGrouping(params);
  const scope = range.ok ? { from: range.from, to: range.to } : null;
  const query = (extra: Record<string, string> = {}) =>
    scope ? apiQuery(scope, filters, { tz: timeZone, ...extra }) : null;

  const byHour = useReportSummary(query({ groupBy: "hour" }));
  const breakdown = useReportSummary(query({ groupBy: grouping }));
  const channels = useReportSummary(scope ? apiQuery(scope, {}, { groupBy: "channel" }) : null);
  const teams = useTeams().data ?? [];
  const agents = useAgents().data ?? [];
  const bots = useBots().data ?? [];

  const setRange = (change: Partial<RangeChoice>) => {
    const next = { ...choice, ...change };
    let updated = withParam(params, "range", next.preset);
    if (next.preset === "custom") {
      updated = withParam(updated, "from", next.fromDay || dayOf(now));
      updated = withParam(updated, "to", next.toDay || dayOf(now));
    } else {
      updated = withParam(withParam(updated, "from", null), "to", null);
    }
    setParams(updated);
  };
  const filterValues = Object.fromEntries(
    (Object.keys(filterParams) as FilterParam[]).map((name) => [name, params.get(name)]),
  ) as Record<FilterParam, string | null>;
  const error = byHour.error ?? breakdown.error;

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Reports
      </Title>
      <RangePicker choice={choice} problem={range.ok ? null : range.problem} timeZone={timeZone} onChange={setRange} />
      <ReportFilterBar
        values={filterValues}
        onChange={(name, value) => setParams(withParam(params, name, value))}
        options={{
          teams: teams.map((t) => ({ value: t.id, label: t.name })),
          agents: agents.map((a) => ({ value: a.id, label: a.name })),
          channels: (channels.data?.groups ?? []).map((g) => g.label).sort(),
          bots: bots.map((b) => ({ value: b.id, label: b.name })),
        }}
      />
      {error && (
        <Alert color="red" title="The report could not be loaded">
          {error instanceof ApiError ? error.message : "Check the connection and try again."}
        </Alert>
      )}
      {byHour.data && (
        <>
          <SummaryFigures figures={byHour.data.totals} />
          <ReportCharts byHour={byHour.data} />
        </>
      )}
      <BreakdownTable
        grouping={grouping}
        summary={breakdown.data}
        onGrouping={(next: ReportGrouping) => setParams(withParam(params, "by", next === "team" ? null : next))}
      />
      <Title order={2} size="h4">
        Sessions
      </Title>
      {scope && (
        <ReportSessionsTable
          key={`${query()}|${sort}`}
          query={query() ?? ""}
          sort={sort}
          onSort={(next: ReportSort) => setParams(withParam(params, "sort", next === "status" ? null : next))}
          onOpen={setConversationId}
        />
      )}
      <ExportsPanel range={scope} filters={filters} />
      <TranscriptDrawer conversationId={conversationId} onClose={() => setConversationId(null)} />
    </Stack>
  );
}
