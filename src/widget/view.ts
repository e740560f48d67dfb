// The widget's DOM, in an open shadow root (styles isolated both ways; open so assistive technology
// checkers and tests can see in): a launcher button and a chat panel. Built once; render() updates it in
// place, and lines of the conversation keep their elements, so the live region announces only new ones.
import { formatDuration, waitMs } from "../shared/live-order";
import { canWrite, type WidgetState } from "./state";
import { endedText, greeting, headline, type Line, transcriptLines } from "./transcript";
import css from "./widget.css?inline";

export interface ViewHandlers {
  toggle(): void;
  close(): void;
  handoff(form: { name: string; email: string; question: string }): void;
  send(body: string): void;
  typing(): void;
  end(): void;
  newChat(): void;
}

export interface FieldError {
  field: "name" | "email" | "question" | null;
  message: string;
}

type Attributes = Record<string, string | boolean>;

/** A tiny element builder: attributes (true → present), then children. */
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, "");
    else if (value !== false) element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}

const chatIcon =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';

export class WidgetView {
  readonly host = document.createElement("switchboard-chat");
  private readonly root = this.host.attachShadow({ mode: "open" });
  private readonly lines = new Map<string, HTMLElement>();
  private readonly panel: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  private readonly title: HTMLHeadingElement;
  private readonly status: HTMLParagraphElement;
  private readonly timer: HTMLSpanElement;
  private readonly log: HTMLDivElement;
  private readonly typingLine: HTMLParagraphElement;
  private readonly intro: HTMLFormElement;
  private readonly introError: HTMLParagraphElement;
  private readonly fields: Record<"name" | "email" | "question", HTMLInputElement | HTMLTextAreaElement>;
  private readonly submit: HTMLButtonElement;
  private readonly composer: HTMLFormElement;
  private readonly message: HTMLTextAreaElement;
  private readonly endButton: HTMLButtonElement;
  private readonly confirmEnd: HTMLSpanElement;
  private readonly ended: HTMLDivElement;
  private readonly endedText: HTMLParagraphElement;
  private readonly newChatButton: HTMLButtonElement;
  private readonly announcer: HTMLDivElement;
  private readonly unreadBadge: HTMLSpanElement;
  private lastAnnouncement = "";

  constructor(
    private readonly botName: string,
    handlers: ViewHandlers,
  ) {
    const field = (id: "name" | "email" | "question", label: string, input: HTMLInputElement | HTMLTextAreaElement) => {
      input.id = `sb-${id}`;
      input.name = id;
      this.fields[id] = input;
      return h("div", {}, h("label", { for: input.id }, label), input);
    };
    this.fields = {} as typeof this.fields;
    this.title = h("h2", { id: "sb-title", tabindex: "-1" });
    this.timer = h("span", { role: "timer" });
    this.status = h("p", { class: "status" });
    // Focusable, so a keyboard can scroll a long conversation.
    this.log = h("div", {
      class: "log",
      role: "log",
      "aria-live": "polite",
      "aria-label": "Conversation",
      tabindex: "0",
    });
    this.typingLine = h("p", { class: "typing", hidden: true });
    this.introError = h("p", { class: "error", id: "sb-intro-error", role: "alert" });
    this.submit = h("button", { type: "submit" }, "Talk to a person");
    this.intro = h(
      "form",
      { class: "intro", novalidate: true, "aria-label": "Start a chat" },
      h("div", { class: "line bot" }, h("span", { class: "who" }, botName), h("p", {}, greeting(botName))),
      field("name", "Your name", h("input", { autocomplete: "name", required: true, maxlength: "200" })),
      field("email", "Email (optional)", h("input", { type: "email", autocomplete: "email", maxlength: "320" })),
      field("question", "How can we help?", h("textarea", { rows: "3", required: true, maxlength: "4000" })),
      this.introError,
      this.submit,
    );
    this.message = h("textarea", { id: "sb-message", rows: "2", maxlength: "4000", placeholder: "Write a message…" });
    this.endButton = h("button", { type: "button", class: "quiet" }, "End chat");
    const yes = h("button", { type: "button", class: "quiet" }, "Yes, end the chat");
    const no = h("button", { type: "button", class: "quiet" }, "Keep chatting");
    this.confirmEnd = h("span", { hidden: true }, "End this chat? ", yes, no);
    this.composer = h(
      "form",
      { "aria-label": "Send a message" },
      h(
        "div",
        { class: "row" },
        h("label", { for: "sb-message", class: "vh" }, "Message"),
        this.message,
        h("button", { type: "submit" }, "Send"),
      ),
      h("div", { class: "actions" }, h("span", {}, "Enter sends"), this.endButton, this.confirmEnd),
    );
    this.endedText = h("p", { class: "ended-text" });
    this.newChatButton = h("button", { type: "button" }, "Start a new chat");
    this.ended = h("div", { class: "ended" }, this.endedText, this.newChatButton);
    const minimize = h("button", { type: "button", "aria-label": "Minimize chat" }, "–");
    this.panel = h(
      "section",
      { class: "panel", id: "sb-panel", role: "dialog", "aria-labelledby": "sb-title", hidden: true },
      h("div", { class: "head" }, h("div", {}, this.title, this.status), minimize),
      this.log,
      this.typingLine,
      this.intro,
      this.composer,
      this.ended,
    );
    this.launcher = h("button", {
      type: "button",
      class: "launcher",
      "aria-expanded": "false",
      "aria-controls": "sb-panel",
    });
    this.launcher.innerHTML = `${chatIcon}<span>Chat with us</span>`;
    this.unreadBadge = h("span", { class: "badge", hidden: true });
    this.launcher.append(this.unreadBadge);
    this.announcer = h("div", { class: "vh", role: "status" });
    this.root.append(h("style", {}, css), h("div", { class: "root" }, this.panel, this.launcher, this.announcer));

    this.launcher.onclick = () => handlers.toggle();
    minimize.onclick = () => handlers.close();
    this.panel.addEventListener("keydown", (e) => {
      if (e.key === "Escape") handlers.close();
    });
    this.intro.onsubmit = (e) => {
      e.preventDefault();
      const [name, email, question] = (["name", "email", "question"] as const).map((k) => this.fields[k].value.trim());
      handlers.handoff({ name, email, question });
    };
    this.composer.onsubmit = (e) => {
      e.preventDefault();
      const body = this.message.value.trim();
      if (!body) return;
      this.message.value = "";
      handlers.send(body);
    };
    this.message.addEventListener("keydown", (e) => {
      // Enter sends; Shift+Enter starts a new line; never while an input method is composing.
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.composer.requestSubmit();
      }
    });
    this.message.addEventListener("input", () => handlers.typing());
    this.endButton.onclick = () => {
      this.showConfirm(true);
      yes.focus();
    };
    no.onclick = () => {
      this.showConfirm(false);
      this.message.focus();
    };
    yes.onclick = () => handlers.end();
    this.newChatButton.onclick = () => handlers.newChat();
  }

  get isFocusInside() {
    return this.root.activeElement !== null;
  }

  setOpen(isOpen: boolean) {
    this.panel.hidden = !isOpen;
    this.launcher.setAttribute("aria-expanded", String(isOpen));
  }

  /** Focus where the customer goes next in this phase: the first empty field, the message box, the next action. */
  focusPanel(state: WidgetState) {
    if (state.phase === "form") {
      const empty = Object.values(this.fields).find((f) => !f.value && f.required);
      (empty ?? this.fields.name).focus();
    } else if (canWrite(state)) this.message.focus();
    else if (state.phase === "ended") this.newChatButton.focus();
    else this.title.focus();
  }

  /** New messages while the panel was closed, on the launcher (in its name too, for screen readers). */
  setUnread(count: number) {
    this.unreadBadge.hidden = count === 0;
    this.unreadBadge.replaceChildren(
      String(count),
      h("span", { class: "vh" }, count === 1 ? " new message" : " new messages"),
    );
  }

  focusLauncher() {
    this.launcher.focus();
  }

  showFieldError(error: FieldError | null) {
    this.introError.textContent = error?.message ?? "";
    for (const [key, input] of Object.entries(this.fields)) {
      const isInvalid = error?.field === key;
      input.setAttribute("aria-invalid", String(isInvalid));
      if (isInvalid) input.setAttribute("aria-describedby", "sb-intro-error");
      else input.removeAttribute("aria-describedby");
    }
    if (error?.field) this.fields[error.field].focus();
  }

  prefillName(name: string) {
    if (!this.fields.name.value) this.fields.name.value = name;
  }

  clearQuestion() {
    this.fields.question.value = "";
  }

  showConfirm(isShown: boolean) {
    this.confirmEnd.hidden = !isShown;
    this.endButton.hidden = isShown;
  }

  announce(text: string) {
    if (text === this.lastAnnouncement) return;
    this.lastAnnouncement = text;
    this.announcer.textContent = text;
  }

  render(state: WidgetState, serverNow: number | null) {
    const { phase } = state;
    const isIntro = phase === "form" || phase === "handing-off";
    this.title.textContent = headline(state);
    this.intro.hidden = !isIntro;
    this.log.hidden = isIntro;
    this.submit.disabled = phase === "handing-off";
    this.submit.textContent = phase === "handing-off" ? "Connecting…" : "Talk to a person";
    this.composer.hidden = !canWrite(state);
    if (!canWrite(state)) this.showConfirm(false);
    this.ended.hidden = phase !== "ended";
    this.endedText.textContent = endedText(state);
    this.typingLine.hidden = !state.agentTyping;
    this.typingLine.textContent = state.agentTyping ? `${state.agentTyping} is typing…` : "";
    if (phase === "waiting") {
      this.status.replaceChildren("Wait time ", this.timer);
      this.tick(state, serverNow);
    } else {
      this.status.textContent =
        phase === "chatting" ? "Live agent" : phase === "resuming" ? "Reconnecting…" : isIntro ? this.botName : "";
    }
    this.renderLines(transcriptLines(state, this.botName));
  }

  /** Only the wait timer changes between renders: once a second, on the server's whole seconds. */
  tick(state: WidgetState, serverNow: number | null) {
    if (state.phase !== "waiting" || !state.queuedAt || serverNow === null) {
      this.timer.textContent = "";
      return;
    }
    this.timer.textContent = formatDuration(
      waitMs({ queuedAt: state.queuedAt, acceptedAt: null }, serverNow, "whole-seconds"),
    );
  }

  private renderLines(lines: Line[]) {
    const keep = new Set(lines.map((l) => l.key));
    for (const [key, element] of this.lines) {
      if (!keep.has(key)) {
        element.remove();
        this.lines.delete(key);
      }
    }
    let cursor = this.log.firstChild;
    let isAdded = false;
    for (const line of lines) {
      let element = this.lines.get(line.key);
      if (!element) {
        element = line.who
          ? h("div", {}, h("span", { class: "who" }, line.who), h("p", {}, line.body), h("span", { class: "note" }))
          : h("div", {}, line.body);
        this.lines.set(line.key, element);
        isAdded = true;
      }
      element.className = line.kind;
      const note = element.querySelector(".note");
      if (note && note.textContent !== (line.note ?? "")) note.textContent = line.note ?? "";
      if (element !== cursor) this.log.insertBefore(element, cursor);
      else cursor = cursor.nextSibling;
    }
    if (isAdded) this.log.scrollTop = this.log.scrollHeight;
  }
}
