import { describe, expect, it } from "vitest";
import { newMessageId } from "./ids";

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("message ids made by the widget", () => {
  it("are version 4 UUIDs, also on plain-http pages without crypto.randomUUID", () => {
    const insecure = { getRandomValues: (bytes: Uint8Array) => crypto.getRandomValues(bytes) } as unknown as Crypto;
    const ids = Array.from({ length: 50 }, () => newMessageId(insecure));
    for (const id of ids) expect(id).toMatch(uuidV4);
    expect(new Set(ids).size).toBe(ids.length);
    expect(newMessageId()).toMatch(uuidV4);
  });
});
