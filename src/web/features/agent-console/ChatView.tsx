// The open chat (PRODUCT.md, "Agent console"): the customer's name with the conversation's duration
// ticking beside it, the whole conversation live both ways, the customer typing, the composer, and
// Transfer / End chat — or Close, for a chat the customer left.
import { Alert, Anchor, Button, Group, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { api } from "../../lib/api";
import classes from "./AgentConsole.module.css";
import { Composer } from "./Composer";
import { useAgentConsole } from "./console-context";
import { ChatDuration } from "./InboxLists";
import { Timeline } from "./Timeline";
import { TransferDialog } from "./TransferDialog";
import { useOpenConversation } from "./use-open-conversation";

export function ChatGone({ isLoading }: { isLoading: boolean }) {
  if (isLoading) return null;
  return (
    <Stack gap="xs" p="md">
      <Title order={1} size="h3">
        This chat is not yours any more
      </Title>
      <Text size="sm">It was transferred, ended or closed.</Text>
      <Anchor component={Link} to="/agent" size="sm">
        Back to the console
      </Anchor>
    </Stack>
  );
}

export function ChatView() {
  const { sessionId } = useParams();
  const { me, store, sends } = useAgentConsole();
  const navigate = useNavigate();
  const { session, conversation, pending, isInboxLoading, typing } = useOpenConversation(sessionId);
  const [dialog, setDialog] = useState<"transfer" | "end" | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!session) return <ChatGone isLoading={isInboxLoading} />;

  const hasCustomerLeft = session.status === "ended";
  const leave = () => {
    store.removedLocally(session.id);
    navigate("/agent");
  };
  const close = async () => {
    setError(null);
    try {
      await api(`/sessions/${session.id}/close`, { method: "POST" });
      leave();
    } catch {
      setError("The chat could not be closed. Try again.");
    }
  };
  const typingName = typing[session.conversationId];

  return (
    <Stack gap="sm" className={classes.page}>
      <Group justify="space-between" wrap="nowrap">
        <Stack gap={0}>
          <Group gap="sm" align="baseline">
            <Title order={1} size="h3" data-testid="chat-customer">
              {session.customer.name}
            </Title>
            <ChatDuration session={session} testId="chat-duration" />
          </Group>
          <Text size="xs" c="dimmed">
            {session.team.name} · {session.channel.name} · {session.bot.name}
            {session.customerEmail ? ` · ${session.customerEmail}` : ""}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {hasCustomerLeft ? (
            <Button onClick={() => void close()}>Close chat</Button>
          ) : (
            <>
              <Button variant="default" onClick={() => setDialog("transfer")}>
                Transfer
              </Button>
              <Button color="red.9" variant="outline" onClick={() => setDialog("end")}>
                End chat
              </Button>
            </>
          )}
        </Group>
      </Group>
      {hasCustomerLeft && (
        <Alert color="orange" variant="light" role="status" p="xs" data-testid="customer-left-notice">
          The customer left the chat. Close it when you are done.
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert" p="xs">
          {error}
        </Alert>
      )}
      <Timeline
        messages={conversation.messages}
        pending={pending}
        customerName={session.customer.name}
        isLoading={conversation.status === "loading" || conversation.status === "idle"}
        onDiscard={(id) => sends.discard(id)}
      />
      <Text size="xs" c="dimmed" role="status" h={18} data-testid="typing">
        {typingName && !hasCustomerLeft ? `${typingName} is typing…` : ""}
      </Text>
      <Composer
        key={session.conversationId}
        conversationId={session.conversationId}
        template={{
          customer: { name: session.customer.name, email: session.customerEmail },
          agent: { name: me.user.name },
          attributes: session.attributes,
        }}
        onSend={(body) => sends.send(session.conversationId, body)}
        disabled={hasCustomerLeft}
      />
      {dialog === "transfer" && (
        <TransferDialog session={session} onClose={() => setDialog(null)} onTransferred={leave} />
      )}
      {dialog === "end" && (
        <ConfirmDialog
          title={`End the chat with ${session.customer.name}?`}
          message="The chat ends for the customer too."
          confirmLabel="End chat"
          onConfirm={async () => {
            await api(`/sessions/${session.id}/end`, { method: "POST", body: { reason: "resolved" } });
            leave();
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </Stack>
  );
}
