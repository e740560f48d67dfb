// Entry point of the SSE baseline: a bare node:http server, no database, no framework, that broadcasts
// paced events to every connected client (MEASURED.md's "Server-Sent Events" row). Each event carries the
// time it was written, so the client process measures write-to-arrival with nothing else in the way.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { serveCalls } from "./child-process";
import { pace } from "./pace";
import { wallNow } from "./stats";

const clients = new Set<http.ServerResponse>();
const server = http.createServer((request, response) => {
  response.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
  response.write(": bare feed\nretry: 2000\n\nevent: caught-up\ndata: {}\n\n");
  clients.add(response);
  request.on("close", () => clients.delete(response));
});

serveCalls({
  async listen() {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  },
  /** `rate` events a second for `durationMs`; `padding` makes an event as large as a real one. */
  async broadcast(input: { rate: number; durationMs: number; padding: number; firstSeq: number }) {
    let seq = input.firstSeq;
    const pad = "x".repeat(input.padding);
    const sent = await pace(input.rate, input.durationMs, () => {
      seq++;
      const frame = `id: ${seq}\ndata: ${JSON.stringify({ seq, key: `bare:${seq}`, sentAt: wallNow(), pad })}\n\n`;
      for (const client of clients) client.write(frame);
    });
    return { sent, nextSeq: seq };
  },
  close() {
    for (const client of clients) client.end();
    server.close();
  },
});
