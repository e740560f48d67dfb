// The web client's door to the API: JSON over fetch with the sign-in cookie, errors as ApiError, and
// every `serverTime` it sees teaches the server clock.
import type { ApiError as ApiErrorBody } from "../../shared/errors";
import { serverClock } from "./server-clock";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const sentAt = performance.now();
  const response = await fetch(`/api/v1${path}`, {
    method: init.method ?? "GET",
    credentials: "same-origin",
    headers: init.body === undefined ? {} : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const receivedAt = performance.now();
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = (body as ApiErrorBody | null)?.error;
    throw new ApiError(response.status, error?.code ?? "internal", error?.message ?? response.statusText, error?.field);
  }
  if (body && typeof body.serverTime === "string") serverClock.observe(body.serverTime, sentAt, receivedAt);
  return body as T;
}
