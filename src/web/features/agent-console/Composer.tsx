// The agent's message box: Enter sends, Shift+Enter starts a new line; `#` opens the quick responses,
// filtered by the shortcut as it is typed, and the chosen one is filled in for the agent to edit. While the
// agent types, the customer is told (at most once every two seconds).
import { Box, Button, Group, Text, Textarea } from "@mantine/core";
import { type KeyboardEvent, useId, useMemo, useRef, useState } from "react";
import type { QuickResponse } from "../../../shared/agent-console";
import { api } from "../../lib/api";
import { useQuickResponses } from "../../lib/quick-responses/queries";
import {
  fillTemplate,
  insertQuickResponse,
  matchQuickResponses,
  type ShortcutQuery,
  shortcutQueryAt,
  type TemplateContext,
} from "../../lib/quick-responses/template";
import classes from "./AgentConsole.module.css";

const TYPING_EVERY_MS = 2_000;

/** Unsent text per conversation, so switching between chats keeps what the agent was writing. */
const drafts = new Map<string, string>();

export function Composer({
  conversationId,
  template,
  onSend,
  disabled,
}: {
  conversationId: string;
  template: TemplateContext;
  onSend: (body: string) => void;
  disabled?: boolean;
}) {
  const [text, setTextState] = useState(() => drafts.get(conversationId) ?? "");
  const setText = (value: string) => {
    setTextState(value);
    if (value) drafts.set(conversationId, value);
    else drafts.delete(conversationId);
  };
  const [shortcut, setShortcut] = useState<ShortcutQuery | null>(null);
  const [active, setActive] = useState(0);
  const [isPickerDismissed, setPickerDismissed] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const lastTypingAt = useRef(0);
  const quickResponses = useQuickResponses().data ?? [];
  const pickerId = useId();
  const matches = useMemo(
    () => (shortcut ? matchQuickResponses(quickResponses, shortcut.query) : []),
    [shortcut, quickResponses],
  );
  const isPickerOpen = shortcut !== null && !isPickerDismissed;

  const signalTyping = () => {
    const now = performance.now();
    if (now - lastTypingAt.current < TYPING_EVERY_MS) return;
    lastTypingAt.current = now;
    void api(`/conversations/${conversationId}/typing`, { method: "POST" }).catch(() => {});
  };

  const follow = (value: string, cursor: number) => {
    const next = shortcutQueryAt(value, cursor);
    if (next?.start !== shortcut?.start) setPickerDismissed(false);
    setShortcut(next);
    setActive(0);
  };

  const choose = (response: QuickResponse) => {
    if (!shortcut) return;
    const filled = fillTemplate(response.body, template);
    const next = insertQuickResponse(text, shortcut, filled);
    setText(next.text);
    setShortcut(null);
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(next.cursor, next.cursor);
    });
  };

  const send = () => {
    const body = text.trim();
    if (!body || disabled) return;
    onSend(body);
    setText("");
    setShortcut(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (isPickerOpen && matches.length > 0) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const step = e.key === "ArrowDown" ? 1 : -1;
        setActive((i) => (i + step + matches.length) % matches.length);
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        e.preventDefault();
        choose(matches[Math.min(active, matches.length - 1)]);
        return;
      }
    }
    if (isPickerOpen && e.key === "Escape") {
      e.preventDefault();
      setPickerDismissed(true);
      return;
    }
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      send();
    }
  };

  const optionId = (index: number) => `${pickerId}-option-${index}`;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Box pos="relative" style={{ flex: 1 }}>
          {isPickerOpen && (
            <div className={classes.picker} id={pickerId} role="listbox" aria-label="Quick responses">
              {matches.map((response, index) => (
                <div
                  key={response.id}
                  tabIndex={-1}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === active}
                  className={classes.option}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(response)}
                  onKeyDown={() => {}}
                >
                  <Text size="sm" fw={600} span>
                    #{response.shortcut}
                  </Text>{" "}
                  <Text size="sm" c="dimmed" span lineClamp={1}>
                    {response.body}
                  </Text>
                </div>
              ))}
              {matches.length === 0 && (
                <div role="option" tabIndex={-1} aria-selected={false} aria-disabled className={classes.option}>
                  <Text size="sm" c="dimmed" span>
                    {quickResponses.length === 0 ? "No quick responses yet." : "No quick response matches."}
                  </Text>
                </div>
              )}
            </div>
          )}
          <Textarea
            ref={input}
            label="Message"
            description="Enter sends, Shift+Enter starts a new line, # picks a quick response"
            autosize
            minRows={2}
            maxRows={8}
            value={text}
            disabled={disabled}
            onChange={(e) => {
              const { value, selectionStart } = e.currentTarget;
              setText(value);
              follow(value, selectionStart);
              if (value.trim()) signalTyping();
            }}
            onSelect={(e) => {
              const { value, selectionStart, selectionEnd } = e.currentTarget;
              if (selectionStart === selectionEnd) follow(value, selectionStart);
            }}
            onBlur={() => setShortcut(null)}
            onKeyDown={onKeyDown}
            aria-controls={isPickerOpen ? pickerId : undefined}
            aria-autocomplete="list"
            aria-activedescendant={isPickerOpen && matches.length > 0 ? optionId(active) : undefined}
            data-testid="composer"
          />
        </Box>
        <Button type="submit" disabled={disabled || text.trim() === ""}>
          Send
        </Button>
      </Group>
    </form>
  );
}
