// Opens the agent console's live data once for the whole console: loads the inbox, then opens the agent
// stream from the inbox's sequence number (so nothing between the two is missed), feeds the store, keeps
// the shared queries (teams, the agent's own status) current, and resends unsent messages on reconnect.
import { Center, Loader } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import type { AgentInbox } from "../../../shared/agent-console";
import type { Message } from "../../../shared/messages";
import type { LiveSession } from "../../../shared/sessions";
import { api } from "../../lib/api";
import { LiveFeedProvider, useLiveFeed } from "../../lib/live/context";
import { useNewRequestAlerts } from "../../lib/new-request-alerts";
import { syncOrganization } from "../../lib/organization-sync";
import { type Me, meQuery, type Team, useTeams } from "../../lib/queries";
import { AgentConsoleStore, type ConsoleView } from "./console-store";
import { SendQueue } from "./send-queue";

interface AgentConsoleContext {
  me: Me;
  store: AgentConsoleStore;
  sends: SendQueue;
  alerts: ReturnType<typeof useNewRequestAlerts>;
}

const Context = createContext<AgentConsoleContext | null>(null);

export function useAgentConsole(): AgentConsoleContext {
  const context = useContext(Context);
  if (!context) throw new Error("useAgentConsole outside AgentConsoleProvider");
  return context;
}

export function useConsoleView(): ConsoleView {
  const { store } = useAgentConsole();
  return useSyncExternalStore(store.subscribe, store.getView);
}

export function usePendingMessages() {
  const { sends } = useAgentConsole();
  return useSyncExternalStore(sends.subscribe, sends.getPending);
}

export function AgentConsoleProvider({ me, children }: { me: Me; children: ReactNode }) {
  const teams = useTeams().data;
  const teamsRef = useRef<Team[] | undefined>(teams);
  teamsRef.current = teams;
  const announce = useRef<(session: LiveSession) => void>(() => {});
  const [store] = useState(
    () =>
      new AgentConsoleStore({
        fetchInbox: () => api<AgentInbox>("/agent/inbox"),
        fetchMessages: async (conversationId) =>
          (await api<{ messages: Message[] }>(`/conversations/${conversationId}/messages`)).messages,
        context: {
          meId: me.user.id,
          isMyTeam: (teamId) => teamsRef.current?.find((t) => t.id === teamId)?.memberIds.includes(me.user.id),
        },
        onNewRequest: (session) => announce.current(session),
      }),
  );
  const [sends] = useState(
    () =>
      new SendQueue(
        ({ id, conversationId, body }) =>
          api<Message>(`/conversations/${conversationId}/messages`, { method: "POST", body: { id, body } }),
        (message) => store.addMessage(message),
      ),
  );
  // undefined until the inbox has loaded (or failed to): the stream opens from its sequence number.
  const [startSeq, setStartSeq] = useState<number | null | undefined>(undefined);
  useEffect(() => {
    void store.refresh().then(() => {
      const { status, inbox } = store.getView();
      setStartSeq(status === "ready" ? inbox.seq : null);
    });
    return () => {
      store.stop();
      sends.stop();
    };
  }, [store, sends]);

  if (startSeq === undefined) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading your chats" />
      </Center>
    );
  }
  return (
    <LiveFeedProvider scope={`agent:${me.user.id}`} streamUrl="/api/v1/agent/stream" startSeq={startSeq}>
      <ConsoleWithFeed me={me} store={store} sends={sends} announce={announce}>
        {children}
      </ConsoleWithFeed>
    </LiveFeedProvider>
  );
}

function ConsoleWithFeed({
  me,
  store,
  sends,
  announce,
  children,
}: Omit<AgentConsoleContext, "alerts"> & {
  announce: { current: (session: LiveSession) => void };
  children: ReactNode;
}) {
  const feed = useLiveFeed();
  const client = useQueryClient();
  const alerts = useNewRequestAlerts(me.user.id);
  announce.current = alerts.alert;

  useEffect(() => {
    if (!feed) return;
    const unsubscribeStore = feed.subscribe((message) => {
      store.receive(message);
      // Heard again after a failed first load: load now, the stream is open.
      if (message.kind === "caught-up" && store.getView().status === "error") void store.refresh();
      if (message.kind === "event" && message.event.type === "agent.status_changed") {
        const { agent } = message.event.data;
        if (agent.id !== me.user.id) return;
        client.setQueryData<Me | null>(meQuery.queryKey, (current) =>
          current ? { ...current, user: { ...current.user, ...agent, name: current.user.name } } : current,
        );
      }
    });
    const unsubscribeOrganization = syncOrganization(feed, client);
    // Unsent messages go again, with the same ids, as soon as the stream is back.
    let wasLive = feed.getConnection().state === "live";
    const unsubscribeConnection = feed.onConnectionChange(() => {
      const isLive = feed.getConnection().state === "live";
      if (isLive && !wasLive) sends.retry();
      wasLive = isLive;
    });
    return () => {
      unsubscribeStore();
      unsubscribeOrganization();
      unsubscribeConnection();
    };
  }, [feed, client, store, sends, me.user.id]);

  const value = useMemo(() => ({ me, store, sends, alerts }), [me, store, sends, alerts]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}
