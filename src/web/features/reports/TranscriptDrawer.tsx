// One conversation, read-only: every leg (team, agent, wait, duration, how it ended, the transfer's note)
// and the transcript from the bot's part through each leg, divided where a leg begins.
import { Alert, Badge, Divider, Drawer, Group, Loader, Paper, Stack, Text, Timeline } from "@mantine/core";
import { Fragment } from "react";
import type { Message } from "../../../shared/messages";
import type { ReportSession } from "../../../shared/reports";
import { ApiError } from "../../lib/api";
import { useConversationReport, useTranscript } from "./api";
import { duration, endReasonLabels, localDateTime, localTime } from "./format";

function LegItem({ leg }: { leg: ReportSession }) {
  const outcome = leg.status === "ended" && leg.endReason ? endReasonLabels[leg.endReason] : leg.status;
  return (
    <Timeline.Item title={`${leg.team.name} · ${outcome}`}>
      <Text size="sm">
        Requested {localDateTime(leg.queuedAt)} · waited {duration(leg.waitMs)}
        {leg.agent ? ` · ${leg.agent.name}, ${duration(leg.durationMs)}` : " · not accepted"}
      </Text>
      {leg.transferNote && (
        <Text size="sm" c="dimmed">
          Transfer note: {leg.transferNote}
        </Text>
      )}
    </Timeline.Item>
  );
}

function MessageLine({ message, agents }: { message: Message; agents: Map<string, string> }) {
  const author =
    message.author === "agent"
      ? (agents.get(message.agentId ?? "") ?? "Agent")
      : { customer: "Customer", bot: "Bot", system: "Switchboard" }[message.author];
  return (
    <Paper
      p="xs"
      radius="sm"
      withBorder={message.author !== "system"}
      bg={message.author === "system" ? "gray.1" : undefined}
    >
      <Group justify="space-between" gap="xs">
        <Text size="xs" fw={700}>
          {author}
        </Text>
        <Text size="xs" c="dimmed">
          {localTime(message.createdAt)}
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: "pre-wrap" }} fs={message.author === "system" ? "italic" : undefined}>
        {message.body}
      </Text>
    </Paper>
  );
}

export function TranscriptDrawer({ conversationId, onClose }: { conversationId: string | null; onClose(): void }) {
  const report = useConversationReport(conversationId);
  const transcript = useTranscript(conversationId);
  const legs = report.data?.legs ?? [];
  const legById = new Map(legs.map((leg, i) => [leg.id, { leg, n: i + 1 }]));
  const agents = new Map(legs.flatMap((leg) => (leg.agent ? [[leg.agent.id, leg.agent.name] as const] : [])));
  const error = report.error ?? transcript.error;
  return (
    <Drawer.Root opened={conversationId !== null} onClose={onClose} position="right" size="lg">
      <Drawer.Overlay />
      <Drawer.Content>
        {/* A dialog's header is no page banner (axe: one banner landmark per page). */}
        <Drawer.Header role="none">
          <Drawer.Title>{report.data ? `Conversation with ${report.data.customer.name}` : "Conversation"}</Drawer.Title>
          <Drawer.CloseButton aria-label="Close the conversation" />
        </Drawer.Header>
        <Drawer.Body>
          {error && (
            <Alert color="red">{error instanceof ApiError ? error.message : "Could not load the conversation."}</Alert>
          )}
          {(report.isPending || transcript.isPending) && !error && <Loader aria-label="Loading the conversation" />}
          {report.data && transcript.data && (
            <Stack gap="md" data-testid="transcript">
              <Group gap="xs">
                <Badge variant="light">{report.data.channel.name}</Badge>
                <Text size="sm">Bot: {report.data.bot.name}</Text>
                {report.data.customer.email && <Text size="sm">{report.data.customer.email}</Text>}
              </Group>
              <Timeline bulletSize={14} lineWidth={2} active={legs.length - 1} aria-label="Legs">
                {legs.map((leg) => (
                  <LegItem key={leg.id} leg={leg} />
                ))}
              </Timeline>
              <Stack gap={6}>
                {transcript.data.map((message, i) => {
                  const previous = transcript.data[i - 1];
                  const leg = message.sessionId ? legById.get(message.sessionId) : undefined;
                  const startsLeg = leg && previous?.sessionId !== message.sessionId;
                  return (
                    <Fragment key={message.id}>
                      {startsLeg && (
                        <Divider
                          label={
                            leg.n === 1
                              ? `Transferred to live agent · ${leg.leg.team.name}`
                              : `Leg ${leg.n} · ${leg.leg.team.name}`
                          }
                          labelPosition="center"
                        />
                      )}
                      <MessageLine message={message} agents={agents} />
                    </Fragment>
                  );
                })}
              </Stack>
            </Stack>
          )}
        </Drawer.Body>
      </Drawer.Content>
    </Drawer.Root>
  );
}
