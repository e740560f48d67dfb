// The chat on screen: its session from the Active list, its messages (loaded once, then live), and the
// agent's unsent lines. Opening it marks its messages read.
import { useEffect, useMemo } from "react";
import { useAgentConsole, useConsoleView, usePendingMessages } from "./console-context";
import type { ConversationMessages } from "./console-store";

const notLoaded: ConversationMessages = { status: "idle", messages: [] };

export function useOpenConversation(sessionId: string | undefined) {
  const { store } = useAgentConsole();
  const view = useConsoleView();
  const session = view.inbox.chats.find((s) => s.id === sessionId);
  const conversationId = session?.conversationId;
  const conversation = (conversationId && view.conversations[conversationId]) || notLoaded;
  const allPending = usePendingMessages();
  const pending = useMemo(
    () => allPending.filter((p) => p.conversationId === conversationId),
    [allPending, conversationId],
  );
  useEffect(() => {
    if (!conversationId) return;
    store.setOpenConversation(conversationId);
    const status = store.messagesOf(conversationId).status;
    if (status === "idle" || status === "error") void store.loadMessages(conversationId);
    return () => store.setOpenConversation(null);
  }, [store, conversationId]);
  return { session, conversation, pending, isInboxLoading: view.status === "loading", typing: view.typing };
}
