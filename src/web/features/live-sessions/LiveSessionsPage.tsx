// Live Sessions (seed-live-sessions.md): everything queued and active in the organization, second by
// second, and the figures a supervisor steers by.
import { Alert, Button, Group, Stack, Switch, Title } from "@mantine/core";
import { useLocalStorage } from "@mantine/hooks";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { waitMs } from "../../../shared/live-order";
import type { LiveSession } from "../../../shared/sessions";
import { defaultSettings } from "../../../shared/settings";
import { useAgents } from "../../lib/agents";
import { useMe, useSettings, useTeams } from "../../lib/queries";
import { useServerNow } from "../../lib/use-server-now";
import { computeFigures } from "./figures";
import { applyFilters, readFilters } from "./filters";
import { HeaderFigures, TeamBreakdown } from "./HeaderFigures";
import { SessionFilterBar } from "./SessionFilterBar";
import { SessionsTable } from "./SessionsTable";
import { useLiveSessions } from "./use-live-sessions";
import { useNewRequestAlerts } from "./use-new-request-alerts";
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
  // Queued rows are in wait order, so the ones over the threshold are a prefix of them.
  let overRed = 0;
  for (const s of sessions) {
    if (s.status !== "queued" || waitMs(s, now) < redSeconds * 1000) break;
    overRed++;
  }
  useTabBadge(pending, overRed);
  return null;
}

export function LiveSessionsPage() {
  const { data: me } = useMe();
  const userId = me?.user.id ?? "anonymous";
  const [liveMode, setLiveMode] = useLocalStorage({ key: `switchboard:live-mode:${userId}`, defaultValue: false });
  const alerts = useNewRequestAlerts(userId);
  const { view, refresh } = useLiveSessions(liveMode, alerts.alert);
  const thresholds = useSettings().data?.waitThresholds ?? defaultSettings.waitThresholds;
  const teams = useTeams().data ?? [];
  const agents = useAgents().data ?? [];
  const [params] = useSearchParams();
  const filters = readFilters(params);
  const rows = useMemo(
    () => applyFilters(view.rows, filters),
    [view.rows, filters.team, filters.channel, filters.bot, filters.status, filters.q],
  );
  const figures = useMemo(() => computeFigures(view.latest, agents, teams), [view.latest, agents, teams]);

  return (
    <Stack gap="sm">
      <TabBadge sessions={view.latest} pending={view.pendingUpdates} redSeconds={thresholds.redSeconds} />
      <Group justify="space-between">
        <Title order={1} size="h2">
          Live Sessions
        </Title>
        <Group gap="md">
          <Switch
            label="Live"
            checked={liveMode}
            onChange={(e) => setLiveMode(e.currentTarget.checked)}
            description="Apply updates at once"
          />
          <Switch
            label="Desktop alerts"
            checked={alerts.desktop}
            onChange={(e) => void alerts.enableDesktop(e.currentTarget.checked)}
          />
          <Switch label="Sound" checked={alerts.sound} onChange={(e) => alerts.setSound(e.currentTarget.checked)} />
          <Button onClick={() => void refresh()} variant="default">
            Refresh
          </Button>
        </Group>
      </Group>
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
      <SessionFilterBar teams={teams} rows={view.latest} />
      <SessionsTable rows={rows} thresholds={thresholds} highlighted={view.highlighted} />
    </Stack>
  );
}
