// A small client of the HTTP API for programs (the demo simulator, tests, benchmarks): JSON in and out,
// signed in by cookie or by organization API key. Uses only fetch, so it runs in Node and browsers.
export interface Reply<T = any> {
  status: number;
  body: T;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly auth: { cookie?: string; key?: string } = {},
  ) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { ...extra };
    if (this.auth.cookie) headers.cookie = `sb_session=${this.auth.cookie}`;
    if (this.auth.key) headers.authorization = `Bearer ${this.auth.key}`;
    return headers;
  }

  async request<T = any>(method: string, path: string, body?: unknown, raw?: string): Promise<Reply<T>> {
    const hasBody = body !== undefined || raw !== undefined;
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: this.headers(hasBody ? { "content-type": "application/json" } : {}),
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  get<T = any>(path: string) {
    return this.request<T>("GET", path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>("POST", path, body ?? {});
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>("PUT", path, body ?? {});
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>("PATCH", path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>("DELETE", path);
  }
}
