import { describe, expect, it } from "vitest";
import { readStoredChat, writeStoredChat } from "./storage";

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

describe("what survives a page reload", () => {
  it("the conversation's credentials, per organization, with the panel's state and unsent messages", () => {
    const storage = memoryStorage();
    const chat = {
      conversationId: "c1",
      customerToken: "sbc_one",
      isOpen: true,
      outbox: [{ id: "x1", body: "hello", isFailed: true }],
    };
    writeStoredChat(storage, "org-a", chat);
    expect(readStoredChat(storage, "org-a")).toEqual(chat);
    expect(readStoredChat(storage, "org-b")).toBeNull();
    writeStoredChat(storage, "org-a", null);
    expect(readStoredChat(storage, "org-a")).toBeNull();
  });

  it("nothing, without failing, when storage is missing, refuses writes or holds garbage", () => {
    expect(readStoredChat(null, "org")).toBeNull();
    const refusing = {
      ...memoryStorage(),
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    } as Storage;
    expect(() => writeStoredChat(refusing, "org", { conversationId: "c", customerToken: "t" })).not.toThrow();
    const garbage = memoryStorage();
    garbage.setItem("switchboard-widget:org", "{not json");
    expect(readStoredChat(garbage, "org")).toBeNull();
    garbage.setItem("switchboard-widget:org", JSON.stringify({ conversationId: 5 }));
    expect(readStoredChat(garbage, "org")).toBeNull();
  });
});
