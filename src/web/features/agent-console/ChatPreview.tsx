// Right after Accept (PRODUCT.md, "Agent console"): what the bot heard and who the customer is — channel,
// bot, email, attributes, and the previous agent's note after a transfer — then Start chatting or Transfer.
import { Alert, Button, Grid, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import classes from "./AgentConsole.module.css";
import { ChatGone } from "./ChatView";
import { useAgentConsole } from "./console-context";
import { Timeline } from "./Timeline";
import { TransferDialog } from "./TransferDialog";
import { useOpenConversation } from "./use-open-conversation";

export function ChatPreview() {
  const { sessionId } = useParams();
  const { store } = useAgentConsole();
  const navigate = useNavigate();
  const { session, conversation, isInboxLoading } = useOpenConversation(sessionId);
  const [isTransferring, setTransferring] = useState(false);
  if (!session) return <ChatGone isLoading={isInboxLoading} />;
  const attributes = Object.entries(session.attributes).sort(([a], [b]) => a.localeCompare(b));

  return (
    <Stack gap="sm" className={classes.page}>
      <Group justify="space-between" wrap="nowrap">
        <Title order={1} size="h3">
          Preview: {session.customer.name}
        </Title>
        <Group gap="xs">
          <Button variant="default" onClick={() => setTransferring(true)} disabled={session.status !== "active"}>
            Transfer
          </Button>
          <Button onClick={() => navigate(`/agent/chats/${session.id}`)}>Start chatting</Button>
        </Group>
      </Group>
      {session.status === "ended" && (
        <Alert color="orange" variant="light" role="status" p="xs">
          The customer left the chat.
        </Alert>
      )}
      <Grid style={{ flex: 1, minHeight: 0 }} styles={{ inner: { height: "100%" } }}>
        <Grid.Col span={{ base: 12, md: 7 }} style={{ display: "flex", flexDirection: "column", height: "100%" }}>
          <Title order={2} size="h5" mb={4}>
            Conversation so far
          </Title>
          <Timeline
            label="Conversation so far"
            messages={conversation.messages}
            customerName={session.customer.name}
            isLoading={conversation.status === "loading" || conversation.status === "idle"}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            <Title order={2} size="h5">
              Customer
            </Title>
            <Table withTableBorder aria-label="Customer details" data-testid="customer-details">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th scope="row" w={120}>
                    Name
                  </Table.Th>
                  <Table.Td>{session.customer.name}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">Email</Table.Th>
                  <Table.Td>{session.customerEmail ?? "—"}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">Channel</Table.Th>
                  <Table.Td>
                    {session.channel.name} ({session.channel.type})
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">Bot</Table.Th>
                  <Table.Td>{session.bot.name}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">Team</Table.Th>
                  <Table.Td>{session.team.name}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            {session.transferNote && (
              <Alert variant="light" title="Note from the previous agent" data-testid="transfer-note" p="xs">
                {session.transferNote}
              </Alert>
            )}
            <Title order={2} size="h5">
              Attributes
            </Title>
            {attributes.length === 0 ? (
              <Text size="sm" c="dimmed">
                None.
              </Text>
            ) : (
              <Table withTableBorder aria-label="Attributes" data-testid="attributes">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Attribute</Table.Th>
                    <Table.Th>Value</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {attributes.map(([key, value]) => (
                    <Table.Tr key={key}>
                      <Table.Td>{key}</Table.Td>
                      <Table.Td>{value}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      {isTransferring && (
        <TransferDialog
          session={session}
          onClose={() => setTransferring(false)}
          onTransferred={() => {
            store.removedLocally(session.id);
            navigate("/agent");
          }}
        />
      )}
    </Stack>
  );
}
