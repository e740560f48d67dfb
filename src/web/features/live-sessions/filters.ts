// Filters and search of Live Sessions, kept in the URL so a link shows the same view.
import type { LiveSession } from "../../../shared/sessions";

export interface SessionFilters {
  team: string | null;
  channel: string | null;
  bot: string | null;
  status: "queued" | "active" | null;
  q: string;
}

export function readFilters(params: URLSearchParams): SessionFilters {
  const status = params.get("status");
  return {
    team: params.get("team"),
    channel: params.get("channel"),
    bot: params.get("bot"),
    status: status === "queued" || status === "active" ? status : null,
    q: params.get("q") ?? "",
  };
}

export function applyFilters(rows: readonly LiveSession[], f: SessionFilters): readonly LiveSession[] {
  const q = f.q.trim().toLocaleLowerCase();
  if (!f.team && !f.channel && !f.bot && !f.status && !q) return rows;
  return rows.filter(
    (s) =>
      (!f.team || s.team.id === f.team) &&
      (!f.channel || s.channel.name === f.channel) &&
      (!f.bot || s.bot.id === f.bot) &&
      (!f.status || s.status === f.status) &&
      (!q ||
        s.customer.name.toLocaleLowerCase().includes(q) ||
        (s.agent?.name.toLocaleLowerCase().includes(q) ?? false)),
  );
}
