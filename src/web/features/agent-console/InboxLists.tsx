// The console's left side (PRODUCT.md, "Agent console"): the Queued list of the agent's teams, longest wait
// first, with live wait timers and Accept; and the Active list of the agent's chats, with their live
// duration, unread badges, and chats the customer left, marked until closed.
import { Alert, Badge, Button, Group, NavLink, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { useState } from "react";
import { NavLink as RouterNavLink, useNavigate } from "react-router";
import type { AgentSession } from "../../../shared/agent-console";
import { conversationMs, formatDuration, waitMs } from "../../../shared/live-order";
import type { Session } from "../../../shared/sessions";
import { ApiError, api } from "../../lib/api";
import { useServerNow } from "../../lib/use-server-now";
import classes from "./AgentConsole.module.css";
import { useAgentConsole, useConsoleView } from "./console-context";

function WaitTimer({ session }: { session: AgentSession }) {
  const now = useServerNow();
  return (
    <Text size="sm" className={classes.timer} data-testid="wait">
      <VisuallyHidden>Waiting </VisuallyHidden>
      {formatDuration(waitMs(session, now, "whole-seconds"))}
    </Text>
  );
}

/** How long the chat has lasted; it stops when the chat ended. */
export function ChatDuration({ session, testId = "duration" }: { session: AgentSession; testId?: string }) {
  const now = useServerNow();
  const end = session.endedAt ? Date.parse(session.endedAt) : now;
  const ms = conversationMs(session, end, "whole-seconds");
  return (
    <Text span size="sm" className={classes.timer} data-testid={testId}>
      <VisuallyHidden>Duration </VisuallyHidden>
      {ms === null ? "—" : formatDuration(ms)}
    </Text>
  );
}

export function QueuedList() {
  const { me, store } = useAgentConsole();
  const { inbox, status } = useConsoleView();
  const navigate = useNavigate();
  const [acceptingId, setAcceptingId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const isOnline = me.user.status === "online";

  const accept = async (session: AgentSession) => {
    setError(null);
    setAcceptingId(session.id);
    try {
      const accepted = await api<Session>(`/sessions/${session.id}/accept`, { method: "POST" });
      store.acceptedLocally(session.id, me.user, accepted.acceptedAt ?? new Date().toISOString());
      navigate(`/agent/chats/${session.id}/preview`);
    } catch (e) {
      // Losing an accept race says who took it: the server's message names them.
      setError(e instanceof ApiError ? e.message : "Could not reach Switchboard. Try again.");
      if (e instanceof ApiError && (e.code === "already_taken" || e.code === "not_queued"))
        store.removedLocally(session.id);
    } finally {
      setAcceptingId(null);
    }
  };

  return (
    <section aria-labelledby="queued-heading">
      <Group justify="space-between" px="xs" py={6}>
        <Title order={2} size="h5" id="queued-heading">
          Queued
        </Title>
        <Badge variant="light" color="orange" data-testid="queued-count">
          <VisuallyHidden>Requests waiting: </VisuallyHidden>
          {inbox.queued.length}
        </Badge>
      </Group>
      {error && (
        <Alert
          color="red"
          variant="light"
          role="alert"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setError(null)}
          mx="xs"
          mb="xs"
          p="xs"
          data-testid="accept-error"
        >
          {error}
        </Alert>
      )}
      {!isOnline && (
        <Text size="xs" c="dimmed" px="xs" pb="xs">
          Set your status to Active to accept chats.
        </Text>
      )}
      {status === "error" && (
        <Text size="sm" c="red.9" px="xs">
          The queue could not be loaded. Retrying when the connection returns.
        </Text>
      )}
      <ul className={classes.list} aria-labelledby="queued-heading">
        {inbox.queued.map((session) => (
          <li key={session.id} className={classes.queuedItem} data-session-id={session.id} data-testid="queued-item">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} truncate data-testid="customer">
                  {session.customer.name}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {session.team.name} · {session.channel.name}
                  {session.transferNote !== null || session.previousSessionId ? " · transferred" : ""}
                </Text>
              </Stack>
              <Group gap="xs" wrap="nowrap">
                <WaitTimer session={session} />
                <Button
                  size="compact-sm"
                  onClick={() => void accept(session)}
                  loading={acceptingId === session.id}
                  disabled={!isOnline}
                  aria-label={`Accept chat with ${session.customer.name}`}
                >
                  Accept
                </Button>
              </Group>
            </Group>
          </li>
        ))}
      </ul>
      {status === "ready" && inbox.queued.length === 0 && (
        <Text size="sm" c="dimmed" px="xs" py="xs">
          No one is waiting.
        </Text>
      )}
    </section>
  );
}

export function ActiveList() {
  const { inbox, unread } = useConsoleView();
  return (
    <section aria-labelledby="active-heading">
      <Group justify="space-between" px="xs" py={6}>
        <Title order={2} size="h5" id="active-heading">
          Active
        </Title>
        <Badge variant="light" color="teal" data-testid="active-count">
          <VisuallyHidden>Chats: </VisuallyHidden>
          {inbox.chats.length}
        </Badge>
      </Group>
      <ul className={classes.list} aria-labelledby="active-heading">
        {inbox.chats.map((session) => {
          const count = unread[session.conversationId] ?? 0;
          const hasLeft = session.status === "ended";
          return (
            <li key={session.id} data-session-id={session.id} data-testid="active-item">
              <NavLink
                component={RouterNavLink}
                to={`/agent/chats/${session.id}`}
                // The theme's light variant keeps the open chat's text readable (WCAG AA).
                color="indigo"
                variant="light"
                label={
                  <Text size="sm" fw={600} truncate span data-testid="customer">
                    {session.customer.name}
                  </Text>
                }
                description={
                  hasLeft ? (
                    <Badge component="span" color="red" variant="light" size="sm" data-testid="customer-left">
                      Customer left
                    </Badge>
                  ) : (
                    session.team.name
                  )
                }
                rightSection={
                  <Group gap={6} wrap="nowrap">
                    {count > 0 && (
                      <Badge component="span" color="red.9" variant="filled" size="sm" circle data-testid="unread">
                        {count}
                        <VisuallyHidden> unread</VisuallyHidden>
                      </Badge>
                    )}
                    <ChatDuration session={session} />
                  </Group>
                }
              />
            </li>
          );
        })}
      </ul>
      {inbox.chats.length === 0 && (
        <Text size="sm" c="dimmed" px="xs" py="xs">
          No chats yet.
        </Text>
      )}
    </section>
  );
}
