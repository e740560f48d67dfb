// A conversation as the agent reads it: the bot's transcript, the "Transferred to live agent" divider, the
// live messages both ways, transfer notes as system lines, and the agent's messages still being sent.
import { Divider, Group, Stack, Text } from "@mantine/core";
import { useEffect, useMemo, useRef } from "react";
import type { Message } from "../../../shared/messages";
import classes from "./AgentConsole.module.css";
import type { PendingMessage } from "./send-queue";
import { buildTimeline } from "./timeline";

const timeOfDay = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

function authorLabel(message: Message, customerName: string): string {
  if (message.author === "customer") return customerName;
  if (message.author === "bot") return "Bot";
  if (message.author === "agent") return "You";
  return "Note";
}

const bubbleClass: Record<Message["author"], string> = {
  customer: classes.fromCustomer,
  bot: classes.fromBot,
  agent: classes.fromAgent,
  system: classes.system,
};

function MessageLine({ message, customerName }: { message: Message; customerName: string }) {
  if (message.author === "system") {
    return (
      <Text size="sm" className={classes.system} data-testid="system-message" data-message-id={message.id}>
        {message.body}
      </Text>
    );
  }
  return (
    <Stack
      gap={2}
      className={`${classes.bubble} ${bubbleClass[message.author]}`}
      data-testid={`message-${message.author}`}
      data-message-id={message.id}
    >
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Text size="xs" fw={600}>
          {authorLabel(message, customerName)}
        </Text>
        <Text size="xs" c="dimmed">
          {timeOfDay(message.createdAt)}
        </Text>
      </Group>
      <Text size="sm" data-testid="message-body">
        {message.body}
      </Text>
    </Stack>
  );
}

function PendingLine({ pending, onDiscard }: { pending: PendingMessage; onDiscard?: (id: string) => void }) {
  return (
    <Stack
      gap={2}
      className={`${classes.bubble} ${classes.fromAgent}`}
      data-testid="message-pending"
      data-state={pending.state}
    >
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Text size="xs" fw={600}>
          You
        </Text>
        <Text size="xs" c={pending.state === "failed" ? "red.9" : "dimmed"}>
          {pending.state === "failed" ? "Not sent" : "Sending…"}
        </Text>
      </Group>
      <Text size="sm" data-testid="message-body">
        {pending.body}
      </Text>
      {pending.state === "failed" && (
        <Text size="xs" c="red.9">
          {pending.error}{" "}
          {onDiscard && (
            <Text
              component="button"
              type="button"
              size="xs"
              td="underline"
              c="red.9"
              bg="transparent"
              bd={0}
              p={0}
              style={{ cursor: "pointer" }}
              onClick={() => onDiscard(pending.id)}
            >
              Discard
            </Text>
          )}
        </Text>
      )}
    </Stack>
  );
}

export function Timeline({
  messages,
  pending = [],
  customerName,
  isLoading,
  onDiscard,
  label = "Conversation",
}: {
  messages: readonly Message[];
  pending?: readonly PendingMessage[];
  customerName: string;
  isLoading: boolean;
  onDiscard?: (id: string) => void;
  label?: string;
}) {
  const entries = useMemo(() => buildTimeline(messages, pending), [messages, pending]);
  const scroller = useRef<HTMLElement>(null);
  // Follow the conversation: keep the newest line in view as lines arrive.
  useEffect(() => {
    const element = scroller.current;
    if (element && entries.length > 0) element.scrollTop = element.scrollHeight;
  }, [entries.length]);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls, so it takes focus for keyboard users to scroll it
    <section ref={scroller} className={classes.log} aria-label={label} tabIndex={0} data-testid="timeline">
      <Stack gap="xs" role="log">
        {isLoading && messages.length === 0 && (
          <Text size="sm" c="dimmed">
            Loading the conversation…
          </Text>
        )}
        {entries.map((entry) =>
          entry.kind === "divider" ? (
            <Divider
              key="divider"
              label="Transferred to live agent"
              labelPosition="center"
              data-testid="live-divider"
              my={4}
            />
          ) : entry.kind === "message" ? (
            <MessageLine key={entry.message.id} message={entry.message} customerName={customerName} />
          ) : (
            <PendingLine key={entry.pending.id} pending={entry.pending} onDiscard={onDiscard} />
          ),
        )}
      </Stack>
    </section>
  );
}
