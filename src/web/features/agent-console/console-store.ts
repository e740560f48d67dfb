// The state behind the agent console: the inbox snapshot plus the agent stream's events, the messages of
// the chats the agent has open or owns, unread counts, and who is typing. A `resync` (or an event whose row
// lacks details) refetches the inbox; events that arrive during a refetch are applied after it.
import type { AgentInbox, Typing } from "../../../shared/agent-console";
import type { LiveEvent } from "../../../shared/events";
import type { Message } from "../../../shared/messages";
import type { LiveSession } from "../../../shared/sessions";
import type { FeedMessage } from "../../lib/live/feed";
import {
  acceptLocally,
  applyInboxEvent,
  emptyInbox,
  type InboxContext,
  type InboxState,
  inboxFromSnapshot,
  removeLocally,
} from "./inbox";
import { mergeMessages } from "./timeline";
import { countIncoming, markRead, type UnreadCounts } from "./unread";

export interface ConversationMessages {
  status: "idle" | "loading" | "ready" | "error";
  messages: readonly Message[];
}

export interface ConsoleView {
  status: "loading" | "ready" | "error";
  inbox: InboxState;
  unread: UnreadCounts;
  /** Conversation id → the name of the customer typing in it now. */
  typing: Readonly<Record<string, string>>;
  conversations: Readonly<Record<string, ConversationMessages>>;
}

export interface ConsoleDependencies {
  fetchInbox: () => Promise<AgentInbox>;
  fetchMessages: (conversationId: string) => Promise<Message[]>;
  context: InboxContext;
  onNewRequest?: (session: LiveSession) => void;
  /** How long "is typing" shows after the last signal. */
  typingMs?: number;
  /** How long to gather events that need the inbox refetched into one refetch. */
  refetchDelayMs?: number;
}

const noMessages: ConversationMessages = { status: "idle", messages: [] };

export class AgentConsoleStore {
  private view: ConsoleView = { status: "loading", inbox: emptyInbox, unread: {}, typing: {}, conversations: {} };
  private readonly listeners = new Set<() => void>();
  private buffered: LiveEvent[] | null = null;
  private refreshing: Promise<void> | null = null;
  private refetchTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private openConversationId: string | null = null;

  constructor(private readonly deps: ConsoleDependencies) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getView = () => this.view;

  messagesOf(conversationId: string): ConversationMessages {
    return this.view.conversations[conversationId] ?? noMessages;
  }

  /** Loads the inbox; events heard meanwhile are kept and applied after it. */
  refresh(): Promise<void> {
    if (this.refreshing) return this.refreshing;
    this.buffered = [];
    this.refreshing = this.deps
      .fetchInbox()
      .then((snapshot) => {
        const buffered = this.buffered ?? [];
        this.buffered = null;
        this.update({ inbox: inboxFromSnapshot(snapshot), status: "ready" });
        for (const event of buffered) this.apply(event);
      })
      .catch(() => {
        this.buffered = null;
        this.update({ status: this.view.status === "ready" ? "ready" : "error" });
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  receive = (message: FeedMessage) => {
    if (message.kind === "resync") {
      void this.refresh();
      for (const [conversationId, conversation] of Object.entries(this.view.conversations))
        if (conversation.status !== "idle") void this.loadMessages(conversationId);
      return;
    }
    if (message.kind === "typing") return this.typing(message.typing);
    if (message.kind !== "event") return;
    if (this.buffered) this.buffered.push(message.event);
    else this.apply(message.event);
  };

  /** Fetches a conversation's messages, merged with any that arrived live. */
  async loadMessages(conversationId: string): Promise<void> {
    this.patchConversation(conversationId, (c) => ({ ...c, status: c.status === "ready" ? "ready" : "loading" }));
    try {
      const messages = await this.deps.fetchMessages(conversationId);
      this.patchConversation(conversationId, (c) => ({
        status: "ready",
        messages: mergeMessages(c.messages, messages),
      }));
    } catch {
      this.patchConversation(conversationId, (c) => ({ ...c, status: c.status === "ready" ? "ready" : "error" }));
    }
  }

  /** A message the server confirmed (the answer to a send): shown at once, whatever the stream does. */
  addMessage(message: Message) {
    this.store(message);
  }

  /** The chat on screen: its messages are read as they come. */
  setOpenConversation(conversationId: string | null) {
    this.openConversationId = conversationId;
    if (conversationId) this.update({ unread: markRead(this.view.unread, conversationId) });
  }

  acceptedLocally(sessionId: string, me: { id: string; name: string }, acceptedAt: string) {
    this.update({ inbox: acceptLocally(this.view.inbox, sessionId, me, acceptedAt) });
  }

  removedLocally(sessionId: string) {
    this.update({ inbox: removeLocally(this.view.inbox, sessionId) });
  }

  stop() {
    if (this.refetchTimer) clearTimeout(this.refetchTimer);
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
  }

  private apply(event: LiveEvent) {
    const change = applyInboxEvent(this.view.inbox, event, this.deps.context);
    if (change.state !== this.view.inbox) this.update({ inbox: change.state });
    if (change.newRequest) this.deps.onNewRequest?.(change.newRequest);
    if (change.needsRefetch) this.refetchSoon();
    if (event.type === "message.created") this.store(event.data.message);
  }

  private store(message: Message) {
    const existing = this.view.conversations[message.conversationId] ?? noMessages;
    if (existing.messages.some((m) => m.id === message.id)) return;
    const isMyChat = this.view.inbox.chats.some((c) => c.conversationId === message.conversationId);
    const unread = isMyChat ? countIncoming(this.view.unread, message, this.openConversationId) : this.view.unread;
    const typing = message.author === "customer" ? this.withoutTyping(message.conversationId) : this.view.typing;
    this.update({
      unread,
      typing,
      conversations: {
        ...this.view.conversations,
        [message.conversationId]: { ...existing, messages: mergeMessages(existing.messages, [message]) },
      },
    });
  }

  private typing(typing: Typing) {
    if (typing.from !== "customer") return;
    const { conversationId } = typing;
    clearTimeout(this.typingTimers.get(conversationId));
    this.typingTimers.set(
      conversationId,
      setTimeout(() => {
        this.typingTimers.delete(conversationId);
        this.update({ typing: this.withoutTyping(conversationId) });
      }, this.deps.typingMs ?? 5_000),
    );
    if (this.view.typing[conversationId] !== typing.name)
      this.update({ typing: { ...this.view.typing, [conversationId]: typing.name } });
  }

  private withoutTyping(conversationId: string) {
    if (!(conversationId in this.view.typing)) return this.view.typing;
    const { [conversationId]: _, ...rest } = this.view.typing;
    return rest;
  }

  private refetchSoon() {
    if (this.refetchTimer) return;
    this.refetchTimer = setTimeout(() => {
      this.refetchTimer = null;
      void this.refresh();
    }, this.deps.refetchDelayMs ?? 300);
  }

  private patchConversation(conversationId: string, change: (c: ConversationMessages) => ConversationMessages) {
    const current = this.view.conversations[conversationId] ?? noMessages;
    this.update({ conversations: { ...this.view.conversations, [conversationId]: change(current) } });
  }

  private update(patch: Partial<ConsoleView>) {
    this.view = { ...this.view, ...patch };
    for (const listener of this.listeners) listener();
  }
}
