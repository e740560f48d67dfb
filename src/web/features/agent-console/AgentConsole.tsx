// The live agent's console at /agent (PRODUCT.md, "Agent console"): the Queued and Active lists on the
// left, the preview or the open chat in the middle, the connection and the agent's status on top.
import { Anchor, AppShell, Burger, Button, Group, ScrollArea, Stack, Switch, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { Link, Route, Routes, useNavigate } from "react-router";
import { ConnectionIndicator } from "../../components/ConnectionIndicator";
import { api } from "../../lib/api";
import type { Me } from "../../lib/queries";
import { useQuickResponsesSync } from "../../lib/quick-responses/queries";
import { ChatPreview } from "./ChatPreview";
import { ChatView } from "./ChatView";
import { AgentConsoleProvider, useAgentConsole, useConsoleView } from "./console-context";
import { ActiveList, QueuedList } from "./InboxLists";
import { StatusMenu } from "./StatusMenu";
import { totalUnread } from "./unread";
import { useAgentTabTitle } from "./use-agent-tab-title";

function NoChatOpen() {
  const { inbox } = useConsoleView();
  return (
    <Stack gap="xs" p="md">
      <Title order={1} size="h3">
        Agent console
      </Title>
      <Text size="sm" c="dimmed">
        {inbox.queued.length > 0
          ? "Accept a request from the Queued list to start a chat."
          : inbox.chats.length > 0
            ? "Open a chat from the Active list."
            : "New requests of your teams appear in the Queued list."}
      </Text>
    </Stack>
  );
}

function AlertSwitches() {
  const { alerts } = useAgentConsole();
  return (
    <Group gap="sm" visibleFrom="md">
      <Switch
        size="xs"
        label="Desktop alerts"
        checked={alerts.desktop}
        onChange={(e) => void alerts.enableDesktop(e.currentTarget.checked)}
      />
      <Switch
        size="xs"
        label="Sound"
        checked={alerts.sound}
        onChange={(e) => alerts.setSound(e.currentTarget.checked)}
      />
    </Group>
  );
}

/** Ticks apart from the shell: the tab title, and quick responses kept current from the stream. */
function Background() {
  const { inbox, unread } = useConsoleView();
  useAgentTabTitle(inbox.queued.length, totalUnread(unread));
  useQuickResponsesSync();
  return null;
}

function ConsoleShell({ me }: { me: Me }) {
  const [opened, { toggle }] = useDisclosure();
  const navigate = useNavigate();
  const client = useQueryClient();
  const signOut = async () => {
    await api("/auth/logout", { method: "POST" });
    client.clear();
    navigate("/login");
  };
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 330, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <Background />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle chat lists" />
            <Text fw={700} size="lg">
              Switchboard
            </Text>
            <Text c="dimmed" size="sm" visibleFrom="sm">
              {me.organization.name}
            </Text>
          </Group>
          <Group wrap="nowrap" gap="sm">
            <ConnectionIndicator />
            <AlertSwitches />
            <Text size="sm" visibleFrom="sm">
              {me.user.name}
            </Text>
            <Button variant="subtle" size="xs" onClick={signOut}>
              Sign out
            </Button>
            <StatusMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar aria-label="Chats">
        <ScrollArea>
          <QueuedList />
          <ActiveList />
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Routes>
          <Route index element={<NoChatOpen />} />
          <Route path="chats/:sessionId/preview" element={<ChatPreview />} />
          <Route path="chats/:sessionId" element={<ChatView />} />
          <Route path="*" element={<NoChatOpen />} />
        </Routes>
      </AppShell.Main>
    </AppShell>
  );
}

export function AgentConsole({ me }: { me: Me }) {
  if (!me.user.roles.includes("agent")) {
    return (
      <Stack gap="xs" p="xl" component="main">
        <Title order={1} size="h2">
          Agent console
        </Title>
        <Text>The agent console is for live agents, and {me.user.name} is not one.</Text>
        <Anchor component={Link} to="/">
          Back to Switchboard
        </Anchor>
      </Stack>
    );
  }
  return (
    <AgentConsoleProvider me={me}>
      <ConsoleShell me={me} />
    </AgentConsoleProvider>
  );
}
