// The Live Sessions snapshot as the bytes of its JSON body. Ten thousand rows are 4.7 MB: stringifying them
// whole, then measuring and encoding that string on the way out, cost about 45 ms of the server's time per
// request (bench (c)). LiveSessions are replaced, never changed in place, when an event changes them
// (shared/live-sessions-apply.ts), so each row's bytes are kept with the row object: a snapshot after a
// change encodes only the rows that changed, and the body is one copy of bytes already encoded.
import type { LiveSession, LiveSessionsSnapshot } from "../../shared/sessions";

const encodedLiveSessions = new WeakMap<LiveSession, Buffer>();
const comma = Buffer.from(",");

function encodedLiveSession(row: LiveSession): Buffer {
  let bytes = encodedLiveSessions.get(row);
  if (!bytes) {
    bytes = Buffer.from(JSON.stringify(row));
    encodedLiveSessions.set(row, bytes);
  }
  return bytes;
}

export function snapshotBody({ serverTime, seq, sessions }: LiveSessionsSnapshot): Buffer {
  const parts: Buffer[] = [Buffer.from(`{"serverTime":${JSON.stringify(serverTime)},"seq":${seq},"sessions":[`)];
  sessions.forEach((row, index) => {
    if (index > 0) parts.push(comma);
    parts.push(encodedLiveSession(row));
  });
  parts.push(Buffer.from("]}"));
  return Buffer.concat(parts);
}
