// Credentials resolved in the last few seconds, so a request does not pay a query just to say who it is.
// Another process may honour a revoked key or a signed-out cookie for up to CACHE_MS more.
import type { Principal } from "./principal";

const CACHE_MS = 5_000;

export class CredentialCache {
  private readonly entries = new Map<string, { principal: Principal | null; until: number }>();
  get(key: string, nowMs: number) {
    const hit = this.entries.get(key);
    if (hit && hit.until > nowMs) return hit;
    this.entries.delete(key);
    return undefined;
  }
  set(key: string, principal: Principal | null, nowMs: number) {
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { principal, until: nowMs + CACHE_MS });
  }
  clear() {
    this.entries.clear();
  }
  forget(key: string) {
    this.entries.delete(key);
  }
}
