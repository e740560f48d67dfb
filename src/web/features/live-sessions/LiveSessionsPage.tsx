// Live Sessions (seed-live-sessions.md): everything queued and active in the organization, second by
// second, and the figures a supervisor steers by.
import { Alert, Button, Group, Stack, Switch, Title } from "@mantine/core";
import { useLocalStorage } from "@mantine/hooks";
import { memo, useMemo } from "react";
import { useSearchParams } from "react-router";
import { waitMs } from "../../../shared/live-order";
import type { LiveSession } from "../../../shared/sessions";
import { defaultSettings } from "../../../shared/settings";
import { useAgents } from "../../lib/agents";
import { useNewRequestAlerts } from "../../lib/new-request-alerts";
import { useMe, useSettings, useTeams } from "../../lib/queries";
import { useServerNow } from "../../lib/use-server-now";
import { computeFigures } from "./figures";
import { applyFilters, readFilters } from "./filters";
import { HeaderFigures, TeamBreakdown } from "./HeaderFigures";
import { SessionFilterBar, useFilterOptions } from "./SessionFilterBar";
import { SessionsTable } from "./SessionsTable";
import { useLiveSessions } from "./use-live-sessions";
import { useTabBadge } from "./use-tab-badge";

/** Ticks on its own, so the page itself does not re-render every second. */
function TabBadge({
  sessions,
  pending,
  redSeconds,
}: {
  sessions: readonly LiveSession[];
  pending: number;
  redSeconds: number;
}) {
  const now = useServerNow();
  // Queued rows come first in wait order, so the ones over the threshold are a prefix of the rows: found by
  // bisection, not by reading every queued row each second.
  let low = 0;
  let high = sessions.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const s = sessions[mid];
    if (s.status === "queued" && waitMs(s, now) >= redSeconds * 1000) low = mid + 1;
    else high = mid;
  }
  useTabBadge(pending, low);
  return null;
}

/** Title and switches; memoized, so the updates of Live mode do not re-render them. */
const PageHeader = memo(function PageHeader({
  liveMode,
  onLiveMode,
  desktop,
  onDesktop,
  sound,
  onSound,
  onRefresh,
}: {
  liveMode: boolean;
  onLiveMode: (on: boolean) => void;
  desktop: boolean;
  onDesktop: (on: boolean) => Promise<void>;
  sound: boolean;
  onSound: (on: boolean) => void;
  onRefresh: () => Promise<void>;
}) {
  return (
    <Group justify="space-between">
      <Title order={1} size="h2">
        Live Sessions
      </Title>
      <Group gap="md">
        <Switch
          label="Live"
          checked={liveMode}
          onChange={(e) => onLiveMode(e.currentTarget.checked)}
          description="Apply updates at once"
        />
        <Switch label="Desktop alerts" checked={desktop} onChange={(e) => void onDesktop(e.currentTarget.checked)} />
        <Switch label="Sound" checked={sound} onChange={(e) => onSound(e.currentTarget.checked)} />
        <Button onClick={() => void onRefresh()} variant="default">
          Refresh
        </Button>
      </Group>
    </Group>
  );
});

const noTeams: never[] = [];
const noAgents: never[] = [];

export function LiveSessionsPage() {
  const { data: me } = useMe();
  const userId = me?.user.id ?? "anonymous";
  const [liveMode, setLiveMode] = useLocalStorage({ key: `switchboard:live-mode:${userId}`, defaultValue: false });
  const alerts = useNewRequestAlerts(userId);
  const { view, refresh } = useLiveSessions(liveMode, alerts.alert);
  const thresholds = useSettings().data?.waitThresholds ?? defaultSettings.waitThresholds;
  const teams = useTeams().data ?? noTeams;
  const agents = useAgents().data ?? noAgents;
  const [params] = useSearchParams();
  // The search params object changes only when the URL does, so filtering reruns on a new filter or new rows.
  const rows = useMemo(() => applyFilters(view.rows, readFilters(params)), [view.rows, params]);
  const figures = useMemo(() => computeFigures(view.latest, agents, teams), [view.latest, agents, teams]);
  const filterOptions = useFilterOptions(view.latest);

  return (
    <Stack gap="sm">
      <TabBadge sessions={view.latest} pending={view.pendingUpdates} redSeconds={thresholds.redSeconds} />
      <PageHeader
        liveMode={liveMode}
        onLiveMode={setLiveMode}
        desktop={alerts.desktop}
        onDesktop={alerts.enableDesktop}
        sound={alerts.sound}
        onSound={alerts.setSound}
        onRefresh={refresh}
      />
      <HeaderFigures figures={figures} />
      <TeamBreakdown figures={figures} />
      {view.pendingUpdates > 0 && (
        <Alert color="indigo" variant="light" role="status" py={6}>
          <Group justify="space-between">
            <span data-testid="updates-notice">
              {view.pendingUpdates} {view.pendingUpdates === 1 ? "update" : "updates"}
            </span>
            <Button size="compact-sm" onClick={() => void refresh()}>
              Refresh
            </Button>
          </Group>
        </Alert>
      )}
      {view.status === "error" && (
        <Alert color="red">Live Sessions could not be loaded. Retrying when the connection returns.</Alert>
      )}
      <SessionFilterBar teams={teams} options={filterOptions} />
      <SessionsTable rows={rows} thresholds={thresholds} highlighted={view.highlighted} />
    </Stack>
  );
}
