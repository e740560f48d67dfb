// The widget at work: the state machine, the API, the event stream, the server clock and the view tied
// together. Flow (PRODUCT.md, "Customer side"): name and question → hand-off with the bot's short
// transcript → waiting, the wait ticking on the server's time → the agent's messages live → the end.
// The conversation's token is kept in localStorage so a reload resumes where the chat was.
import type { Typing } from "../shared/agent-console";
import type { LiveEvent } from "../shared/events";
import { type HandoffBody, WidgetApi, WidgetApiError } from "./api";
import { newMessageId } from "./ids";
import { ServerClock } from "./server-clock";
import { canWrite, initialState, reduce, type WidgetAction, type WidgetState } from "./state";
import { pageStorage, readStoredChat, writeStoredChat } from "./storage";
import { ConversationStream } from "./stream";
import { greeting } from "./transcript";
import { WidgetView } from "./view";

export interface WidgetConfig {
  orgId: string;
  botName: string;
  /** Where the API is: the origin widget.js was loaded from. */
  apiOrigin: string;
}

const TYPING_SEND_INTERVAL_MS = 2_000;
const TYPING_SHOWN_MS = 4_000;
const RETRY_MS = 3_000;

export class ChatWidget {
  private state: WidgetState = initialState;
  private isOpen = false;
  private readonly api: WidgetApi;
  private readonly clock = new ServerClock();
  private readonly storage = pageStorage();
  private readonly view: WidgetView;
  private readonly stream: ConversationStream;
  private isStreamOpen = false;
  private unread = 0;
  /** Events heard while the conversation is being (re)loaded: applied after it. */
  private buffered: LiveEvent[] | null = null;
  private readonly inFlight = new Set<string>();
  private typingSentAt = Number.NEGATIVE_INFINITY;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private tickTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly config: WidgetConfig) {
    this.api = new WidgetApi(config.apiOrigin);
    this.view = new WidgetView(config.botName, {
      toggle: () => this.setOpen(!this.isOpen),
      close: () => this.setOpen(false),
      handoff: (form) => void this.handoff(form),
      send: (body) => this.send(body),
      typing: () => this.customerTyping(),
      end: () => void this.end(),
      newChat: () => this.newChat(),
    });
    this.stream = new ConversationStream(() => this.api.streamUrl(this.state.seq), {
      event: (event) => (this.buffered ? this.buffered.push(event) : this.dispatch({ type: "event", event })),
      typing: (typing) => this.agentTyping(typing),
      serverTime: (serverTime, receivedAt) => this.clock.observe(serverTime, receivedAt),
      resync: () => void this.load(),
      connected: () => this.flushOutbox(),
    });
  }

  mount(parent: HTMLElement) {
    parent.append(this.view.host);
    window.addEventListener("online", () => this.flushOutbox());
    const stored = readStoredChat(this.storage, this.config.orgId);
    if (stored) {
      this.api.token = stored.customerToken;
      for (const outgoing of stored.outbox ?? []) this.dispatch({ type: "message.queued", ...outgoing });
      this.dispatch({ type: "resume.started" });
      this.setOpen(stored.isOpen === true, false);
      void this.resume();
    }
    this.render();
  }

  private dispatch(action: WidgetAction) {
    const before = this.state;
    this.state = reduce(before, action);
    if (this.state === before) return;
    const after = this.state;
    if (after.phase === "waiting" && before.phase !== "waiting")
      this.view.announce(
        before.phase === "chatting" ? "Transferred: waiting for another agent" : "Waiting for an agent",
      );
    // With the panel closed, the launcher counts what the agent side said meanwhile.
    if (!this.isOpen && after.messages.length > before.messages.length) {
      const seen = new Set(before.messages.map((m) => m.id));
      const fresh = after.messages.filter((m) => !seen.has(m.id) && (m.author === "agent" || m.author === "system"));
      if (before.phase !== "resuming" && fresh.length > 0) this.setUnread(this.unread + fresh.length);
    }
    if (after.phase === "ended" && before.phase !== "ended") {
      this.stream.close();
      this.isStreamOpen = false;
      if (this.view.isFocusInside) queueMicrotask(() => this.view.focusPanel(this.state));
    }
    if (after.outbox !== before.outbox || after.conversationId !== before.conversationId) this.persist();
    this.render();
  }

  private render() {
    this.view.render(this.state, this.clock.now());
    clearTimeout(this.tickTimer);
    if (this.state.phase === "waiting") this.scheduleTick();
  }

  /** The wait timer moves on the server's whole seconds, like the consoles' timers. */
  private scheduleTick() {
    const now = this.clock.now();
    const delay = now === null ? 1_000 : 1_000 - (now % 1_000) + 5;
    this.tickTimer = setTimeout(() => {
      this.view.tick(this.state, this.clock.now());
      if (this.state.phase === "waiting") this.scheduleTick();
    }, delay);
  }

  private setOpen(isOpen: boolean, moveFocus = true) {
    this.isOpen = isOpen;
    this.view.setOpen(isOpen);
    if (isOpen) this.setUnread(0);
    if (moveFocus) {
      if (isOpen) this.view.focusPanel(this.state);
      else this.view.focusLauncher();
    }
    if (this.state.conversationId) this.persist();
  }

  private setUnread(count: number) {
    this.unread = count;
    this.view.setUnread(count);
  }

  /** Keeps the stored chat current; only forget() removes it (a failed load must not lose the token). */
  private persist() {
    const { conversationId, outbox } = this.state;
    const token = this.api.token;
    if (!conversationId || !token) return;
    writeStoredChat(this.storage, this.config.orgId, {
      conversationId,
      customerToken: token,
      isOpen: this.isOpen,
      outbox,
    });
  }

  private async handoff(form: { name: string; email: string; question: string }) {
    if (this.state.phase !== "form") return;
    const problem = !form.name
      ? ({ field: "name", message: "Please tell us your name." } as const)
      : !form.question
        ? ({ field: "question", message: "Please tell us how we can help." } as const)
        : form.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email)
          ? ({ field: "email", message: "That email address doesn't look right." } as const)
          : null;
    this.view.showFieldError(problem);
    if (problem) return;
    // Read before the submit button is disabled: a disabled button drops the focus.
    const wasFocusInside = this.view.isFocusInside;
    this.dispatch({ type: "handoff.started", customerName: form.name });
    const body: HandoffBody = {
      orgId: this.config.orgId,
      bot: { name: this.config.botName },
      customer: form.email ? { name: form.name, email: form.email } : { name: form.name },
      attributes: { page: `${location.origin}${location.pathname}`.slice(0, 500) },
      history: [
        { author: "bot", body: greeting(this.config.botName) },
        { author: "customer", body: form.question },
        { author: "bot", body: "Let me find a person from our team for you." },
      ],
    };
    try {
      const credentials = await this.api.handoff(body);
      this.api.token = credentials.customerToken;
      writeStoredChat(this.storage, this.config.orgId, { ...credentials, isOpen: this.isOpen, outbox: [] });
      this.view.clearQuestion();
      await this.resume();
      if (wasFocusInside) this.view.focusPanel(this.state);
    } catch (error) {
      const { message, field } = error instanceof WidgetApiError ? error : { message: String(error), field: "" };
      this.dispatch({ type: "handoff.failed", error: message });
      const fieldName = field === "customer.name" ? "name" : field === "customer.email" ? "email" : null;
      this.view.showFieldError({ field: fieldName, message });
    }
  }

  /** Loads the conversation, then follows it live from where the load left off. */
  private async resume() {
    if (!(await this.load())) return;
    if (this.state.phase === "ended") return;
    if (!this.isStreamOpen) {
      this.isStreamOpen = true;
      this.stream.open();
    }
    this.flushOutbox();
  }

  /** GET the conversation (the truth at its seq); events heard meanwhile are applied after it. */
  private async load(): Promise<boolean> {
    if (this.buffered) return false;
    this.buffered = [];
    try {
      const { conversation, sentAt, receivedAt } = await this.api.conversation();
      this.clock.observe(conversation.serverTime, receivedAt, sentAt);
      this.dispatch({ type: "conversation.loaded", conversation });
      const heard = this.buffered;
      this.buffered = null;
      for (const event of heard) this.dispatch({ type: "event", event });
      return true;
    } catch (error) {
      this.buffered = null;
      const status = error instanceof WidgetApiError ? error.status : 0;
      if (status === 401 || status === 403 || status === 404) {
        // The token is no longer good (or the conversation is gone): start over.
        this.forget();
      } else {
        setTimeout(() => void this.resume(), RETRY_MS);
      }
      return false;
    }
  }

  private send(body: string) {
    if (!canWrite(this.state)) return;
    const id = newMessageId();
    this.dispatch({ type: "message.queued", id, body });
    void this.deliver(id, body);
  }

  private async deliver(id: string, body: string) {
    if (this.inFlight.has(id)) return;
    this.inFlight.add(id);
    try {
      const message = await this.api.sendMessage(id, body);
      this.dispatch({ type: "message.stored", message });
    } catch (error) {
      this.dispatch({ type: "message.failed", id });
      const status = error instanceof WidgetApiError ? error.status : 0;
      // The conversation may have ended meanwhile: the snapshot says so (and drops the outbox).
      if (status === 409) void this.load();
      else this.scheduleRetry();
    } finally {
      this.inFlight.delete(id);
    }
  }

  /** Sends again what the server has not confirmed, with the same ids: stored once whatever happened. */
  private flushOutbox() {
    if (!canWrite(this.state)) return;
    for (const outgoing of this.state.outbox) {
      if (this.inFlight.has(outgoing.id)) continue;
      this.dispatch({ type: "message.retrying", id: outgoing.id });
      void this.deliver(outgoing.id, outgoing.body);
    }
  }

  private scheduleRetry() {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.flushOutbox(), RETRY_MS);
  }

  private customerTyping() {
    if (this.state.phase !== "chatting") return;
    const now = performance.now();
    if (now - this.typingSentAt < TYPING_SEND_INTERVAL_MS) return;
    this.typingSentAt = now;
    this.api.typing().catch(() => {});
  }

  private agentTyping(typing: Typing) {
    this.dispatch({ type: "typing", typing });
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.dispatch({ type: "typing.expired" }), TYPING_SHOWN_MS);
  }

  private async end() {
    try {
      await this.api.end();
      this.dispatch({ type: "ended.by-customer" });
    } catch (error) {
      const status = error instanceof WidgetApiError ? error.status : 0;
      if (status === 409) void this.load();
      else this.view.announce("The chat could not be ended. Please try again.");
    }
  }

  private forget() {
    this.stream.close();
    this.isStreamOpen = false;
    this.api.token = null;
    writeStoredChat(this.storage, this.config.orgId, null);
    this.dispatch({ type: "reset" });
  }

  /** A new chat on the form, with the customer's name already in (they just told us). */
  private newChat() {
    const { customerName } = this.state;
    this.forget();
    this.view.prefillName(customerName);
    this.view.focusPanel(this.state);
  }
}
