// The supervisor's frame: navigation on the left (only pages that are built), the organization and the
// signed-in person on top, the page in the middle. It also opens the live feed the pages share.
import { AppShell, Burger, Button, Group, NavLink, ScrollArea, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Outlet, NavLink as RouterNavLink, useLocation, useNavigate } from "react-router";
import { ConnectionIndicator } from "../components/ConnectionIndicator";
import { syncAgents } from "../lib/agents";
import { api } from "../lib/api";
import { LiveFeedProvider, useLiveFeed } from "../lib/live/context";
import { syncOrganization } from "../lib/organization-sync";
import type { Me } from "../lib/queries";

const sections = [
  {
    title: "Analytics and reporting",
    pages: [
      { to: "live-sessions", label: "Live Sessions" },
      { to: "live-agents", label: "Live Agents" },
      { to: "reports", label: "Reports" },
    ],
  },
  {
    title: "Settings",
    pages: [
      { to: "teams", label: "Teams" },
      { to: "routing-rules", label: "Routing rules" },
      { to: "quick-responses", label: "Quick responses" },
      { to: "configuration", label: "Configuration" },
      { to: "audit-log", label: "Audit log" },
    ],
  },
];

const navId = (title: string) => `nav-${title.toLowerCase().replaceAll(" ", "-")}`;

/** Keeps the console's shared queries (agents, teams, settings) current from the live feed. */
function FeedSync() {
  const feed = useLiveFeed();
  const client = useQueryClient();
  useEffect(() => {
    if (!feed) return;
    const unsubscribeAgents = syncAgents(feed, client);
    const unsubscribeOrganization = syncOrganization(feed, client);
    return () => {
      unsubscribeAgents();
      unsubscribeOrganization();
    };
  }, [feed, client]);
  return null;
}

export function SupervisorShell({ me }: { me: Me }) {
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const signOut = async () => {
    await api("/auth/logout", { method: "POST" });
    client.clear();
    navigate("/login");
  };
  return (
    <LiveFeedProvider scope={`${me.organization.id}`}>
      <FeedSync />
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 230, breakpoint: "sm", collapsed: { mobile: !opened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between">
            <Group>
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
              <Text fw={700} size="lg">
                Switchboard
              </Text>
              <Text c="dimmed" size="sm">
                {me.organization.name}
              </Text>
            </Group>
            <Group>
              <ConnectionIndicator />
              <Text size="sm">{me.user.name}</Text>
              <Button variant="subtle" size="xs" onClick={signOut}>
                Sign out
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label="Main navigation">
          <ScrollArea>
            {sections.map((section) => (
              // An id without spaces: aria-labelledby reads a space as a list of ids.
              <nav key={section.title} aria-labelledby={navId(section.title)}>
                <Title order={2} size="xs" c="dimmed" tt="uppercase" px="sm" py="xs" id={navId(section.title)}>
                  {section.title}
                </Title>
                {section.pages.map((page) => (
                  <NavLink
                    key={page.to}
                    component={RouterNavLink}
                    to={`/supervisor/${page.to}`}
                    label={page.label}
                    variant="filled"
                    active={location.pathname.startsWith(`/supervisor/${page.to}`)}
                  />
                ))}
              </nav>
            ))}
          </ScrollArea>
        </AppShell.Navbar>
        <AppShell.Main>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </LiveFeedProvider>
  );
}
