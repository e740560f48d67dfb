// Export jobs from a test's point of view: request one, wait until a runner has finished it, download and
// parse the file with a standard CSV parser.
import { parse } from "csv-parse/sync";
import type { ApiClient } from "./api";

export interface ExportBody {
  range: { from: string; to: string };
  filters?: Record<string, string>;
}

export async function requestExport(api: ApiClient, body: ExportBody) {
  const reply = await api.post("/exports", body);
  if (reply.status !== 202) throw new Error(`export refused: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as { id: string; status: string };
}

/** Polls the job until it is complete or failed (runners poll every second). */
export async function waitForExport(
  api: ApiClient,
  id: string,
  until: string[] = ["complete", "failed"],
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await api.get(`/exports/${id}`);
    if (reply.status !== 200) throw new Error(`export ${id}: ${reply.status} ${JSON.stringify(reply.body)}`);
    if (until.includes(reply.body.status)) return reply.body;
    if (Date.now() > deadline) throw new Error(`export ${id} still ${reply.body.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function downloadExport(api: ApiClient, id: string) {
  const response = await fetch(`${api.baseUrl}/api/v1/exports/${id}/download`, { headers: api.headers() });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}

/** The file as rows of cells: header first. */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: false });
}
