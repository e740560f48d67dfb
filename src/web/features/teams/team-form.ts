// The team form's rules, from the shared contract (PRODUCT.md, "Routing and assignment": a name of up to 50
// letters, digits and _ starting with a letter; a description of up to 200), and who can join a team.
import type { z } from "zod";
import { createTeamSchema } from "../../../shared/organization";
import type { Agent } from "../../../shared/people";
import { type FieldErrors, validate } from "../../lib/form-errors";
import type { Team } from "../../lib/queries";

export type TeamDraft = { name: string; description: string };
type TeamInput = z.output<typeof createTeamSchema>;

export const draftOf = (team?: Team): TeamDraft => ({ name: team?.name ?? "", description: team?.description ?? "" });

/** Spaces around the name and description are dropped; an empty name is "Required", not a pattern lesson. */
export function validateTeam(draft: TeamDraft): { ok: true; value: TeamInput } | { ok: false; errors: FieldErrors } {
  const value = { name: draft.name.trim(), description: draft.description.trim() };
  const result = validate(createTeamSchema, value);
  if (value.name === "") {
    const errors = result.ok ? {} : result.errors;
    return { ok: false, errors: { ...errors, name: "Required" } };
  }
  return result;
}

/** Only what changed, so an edit of the description does not rewrite the name; null when nothing did. */
export function teamChanges(team: Team, value: TeamInput): Partial<TeamInput> | null {
  const changes: Partial<TeamInput> = {};
  if (value.name !== team.name) changes.name = value.name;
  if (value.description !== team.description) changes.description = value.description;
  return Object.keys(changes).length > 0 ? changes : null;
}

/** Only live agents can be members (the server refuses anyone else). */
export const isLiveAgent = (agent: Agent) => agent.roles.includes("agent");

/** The team's members by name; a member the agents list does not know (no longer an agent) still shows. */
export function membersOf(team: Team, agents: readonly Agent[]): { id: string; name: string; email: string }[] {
  const byId = new Map(agents.map((a) => [a.id, a]));
  return team.memberIds
    .map((id) => byId.get(id) ?? { id, name: "Unknown user", email: "" })
    .map(({ id, name, email }) => ({ id, name, email }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Live agents who are not in the team yet, by name. */
export function candidatesFor(team: Team, agents: readonly Agent[]): Agent[] {
  const members = new Set(team.memberIds);
  return agents.filter((a) => isLiveAgent(a) && !members.has(a.id)).sort((a, b) => a.name.localeCompare(b.name));
}

/** The default team first, then by name. */
export function orderTeams(teams: readonly Team[]): Team[] {
  return [...teams].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
}
