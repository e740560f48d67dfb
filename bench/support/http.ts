// A lean JSON client for the load generators. It uses node:http with keep-alive sockets rather than fetch
// because the load generator shares two cores with the server it measures: every microsecond it spends on
// a request is a microsecond taken from the server (fetch costs several times more per request here).
import http from "node:http";

export interface Credentials {
  /** The sign-in token, sent as the `sb_session` cookie (people). */
  cookie?: string;
  /** An organization API key, sent as a bearer token (bot platforms). */
  key?: string;
}

export interface JsonReply<T = any> {
  status: number;
  body: T;
  bytes: number;
}

export class JsonClient {
  readonly agent: http.Agent;
  private readonly url: URL;

  constructor(baseUrl: string, options: { maxSockets?: number } = {}) {
    this.url = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 });
  }

  request<T = any>(method: string, path: string, credentials: Credentials, body?: unknown): Promise<JsonReply<T>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { accept: "application/json" };
    if (payload !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = Buffer.byteLength(payload);
    }
    if (credentials.cookie) headers.cookie = `sb_session=${credentials.cookie}`;
    if (credentials.key) headers.authorization = `Bearer ${credentials.key}`;
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: this.url.hostname, port: this.url.port, path: `/api/v1${path}`, method, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            try {
              resolve({
                status: res.statusCode ?? 0,
                body: text ? JSON.parse(text) : null,
                bytes: Buffer.byteLength(text),
              });
            } catch (error) {
              reject(error);
            }
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  }

  post<T = any>(path: string, credentials: Credentials, body: unknown = {}) {
    return this.request<T>("POST", path, credentials, body);
  }

  get<T = any>(path: string, credentials: Credentials) {
    return this.request<T>("GET", path, credentials);
  }

  close() {
    this.agent.destroy();
  }
}

/** Throws with the server's error body unless the reply has the expected status. */
export function expectStatus<T>(reply: JsonReply<T>, status: number, what: string): T {
  if (reply.status !== status) throw new Error(`${what}: HTTP ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}
