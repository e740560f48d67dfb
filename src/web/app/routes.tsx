// Where each page lives. Deep links work: a signed-out visitor goes to sign-in and comes back.
import { Center, Loader } from "@mantine/core";
import type { ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { AgentConsole } from "../features/agent-console/AgentConsole";
import { AuditLogPage } from "../features/audit-log/AuditLogPage";
import { LoginPage } from "../features/auth/LoginPage";
import { ConfigurationPage } from "../features/configuration/ConfigurationPage";
import { LiveAgentsPage } from "../features/live-agents/LiveAgentsPage";
import { LiveSessionsPage } from "../features/live-sessions/LiveSessionsPage";
import { QuickResponsesPage } from "../features/quick-responses/QuickResponsesPage";
import { ReportsPage } from "../features/reports/ReportsPage";
import { RoutingRulesPage } from "../features/routing-rules/RoutingRulesPage";
import { TeamsPage } from "../features/teams/TeamsPage";
import { type Me, useMe } from "../lib/queries";
import { SupervisorShell } from "./SupervisorShell";

const isSupervisor = (me: Me) => me.user.roles.some((r) => r === "supervisor" || r === "admin");

function RequireSignIn({ children, allow }: { children: (me: Me) => ReactNode; allow?: (me: Me) => boolean }) {
  const { data: me, isPending } = useMe();
  const location = useLocation();
  if (isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (allow && !allow(me)) return <Navigate to="/" replace />;
  return <>{children(me)}</>;
}

function Home() {
  const { data: me } = useMe();
  if (!me) return <Navigate to="/login" replace />;
  return <Navigate to={isSupervisor(me) ? "/supervisor/live-sessions" : "/agent"} replace />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/supervisor/*"
        element={<RequireSignIn allow={isSupervisor}>{(me) => <SupervisorShell me={me} />}</RequireSignIn>}
      >
        <Route index element={<Navigate to="live-sessions" replace />} />
        <Route path="live-sessions" element={<LiveSessionsPage />} />
        <Route path="live-agents" element={<LiveAgentsPage />} />
        <Route path="reports" element={<ReportsPage />} />
        <Route path="teams" element={<TeamsPage />} />
        <Route path="routing-rules" element={<RoutingRulesPage />} />
        <Route path="quick-responses" element={<QuickResponsesPage />} />
        <Route path="configuration" element={<ConfigurationPage />} />
        <Route path="audit-log" element={<AuditLogPage />} />
      </Route>
      <Route path="/agent/*" element={<RequireSignIn>{(me) => <AgentConsole me={me} />}</RequireSignIn>} />
      <Route path="*" element={<RequireSignIn>{() => <Home />}</RequireSignIn>} />
    </Routes>
  );
}
