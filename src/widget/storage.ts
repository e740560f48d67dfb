// What survives a page reload: the conversation's credentials (keyed by organization, so two widgets of
// two organizations on one site keep apart), whether the panel was open, and sends not yet confirmed.
// localStorage can be missing or refuse writes (private modes, sandboxed frames): then nothing survives.
import type { Credentials } from "./api";
import type { Outgoing } from "./state";

export interface StoredChat extends Credentials {
  isOpen?: boolean;
  outbox?: Outgoing[];
}

const keyOf = (orgId: string) => `switchboard-widget:${orgId}`;

export function readStoredChat(storage: Storage | null, orgId: string): StoredChat | null {
  try {
    const raw = storage?.getItem(keyOf(orgId));
    if (!raw) return null;
    const stored = JSON.parse(raw) as Partial<StoredChat>;
    if (typeof stored.conversationId !== "string" || typeof stored.customerToken !== "string") return null;
    return {
      conversationId: stored.conversationId,
      customerToken: stored.customerToken,
      isOpen: stored.isOpen === true,
      outbox: Array.isArray(stored.outbox) ? stored.outbox.filter(isOutgoing) : [],
    };
  } catch {
    return null;
  }
}

export function writeStoredChat(storage: Storage | null, orgId: string, chat: StoredChat | null) {
  try {
    if (chat) storage?.setItem(keyOf(orgId), JSON.stringify(chat));
    else storage?.removeItem(keyOf(orgId));
  } catch {
    // Full or forbidden: the chat goes on, it just won't survive a reload.
  }
}

/** The page's localStorage, or null where touching it throws. */
export function pageStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function isOutgoing(value: unknown): value is Outgoing {
  const m = value as Outgoing;
  return typeof m?.id === "string" && typeof m.body === "string";
}
