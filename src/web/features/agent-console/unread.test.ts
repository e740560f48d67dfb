import { describe, expect, it } from "vitest";
import { message } from "./test-data";
import { countIncoming, markRead, totalUnread } from "./unread";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";

describe("unread badges", () => {
  it("count the customer's messages in chats that are not open", () => {
    let counts = countIncoming({}, message(1, A), B);
    counts = countIncoming(counts, message(2, A), B);
    counts = countIncoming(counts, message(3, B), B);
    expect(counts).toEqual({ [A]: 2 });
    expect(totalUnread(counts)).toBe(2);
  });

  it("do not count the agent's own lines, system notes or the bot", () => {
    const counts = [
      message(1, A, { author: "agent" }),
      message(2, A, { author: "system" }),
      message(3, A, { author: "bot" }),
    ].reduce((c, m) => countIncoming(c, m, null), {});
    expect(counts).toEqual({});
  });

  it("clear when the chat is opened", () => {
    const counts = countIncoming(countIncoming({}, message(1, A), null), message(2, B), null);
    expect(markRead(counts, A)).toEqual({ [B]: 1 });
    expect(markRead({}, A)).toEqual({});
  });
});
