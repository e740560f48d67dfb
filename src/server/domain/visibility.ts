// Who may see which live event. A supervisor sees the organization's whole feed; a live agent sees the
// queue of their teams and their own chats; a customer sees their one conversation, without internal
// notes. Each filter is asked event by event in sequence order, so it follows the changes it sees.
import type { Typing } from "../../shared/agent-console";
import type { LiveEvent } from "../../shared/events";
import type { StreamFilter } from "../events/hub";

export function customerFilter(conversationId: string): StreamFilter {
  return {
    accepts(event) {
      switch (event.type) {
        case "session.queued":
        case "session.accepted":
          return event.data.session.conversationId === conversationId;
        case "session.transferred":
        case "session.ended":
          return event.data.conversationId === conversationId;
        case "message.created":
          return event.data.message.conversationId === conversationId && event.data.message.author !== "system";
        default:
          return false;
      }
    },
    acceptsEphemeral: (name, data) =>
      name === "typing" && (data as Typing).conversationId === conversationId && (data as Typing).from === "agent",
  };
}

export interface AgentView {
  agentId: string;
  teamIds: Iterable<string>;
  /** Conversations in the agent's chat list. */
  conversationIds: Iterable<string>;
  /** Queued sessions of the agent's teams. */
  queuedSessionIds: Iterable<string>;
}

export function agentFilter(view: AgentView): StreamFilter {
  const teams = new Set(view.teamIds);
  const mine = new Set(view.conversationIds);
  const queued = new Set(view.queuedSessionIds);
  const accepts = (event: LiveEvent): boolean => {
    switch (event.type) {
      case "session.queued": {
        const { session } = event.data;
        if (!teams.has(session.team.id)) return false;
        queued.add(session.id);
        return true;
      }
      case "session.accepted": {
        const { session } = event.data;
        const wasQueued = queued.delete(session.id);
        if (session.agent?.id === view.agentId) {
          mine.add(session.conversationId);
          return true;
        }
        return wasQueued || teams.has(session.team.id);
      }
      case "session.transferred": {
        const { next, conversationId, sessionId } = event.data;
        const relevant = queued.delete(sessionId) || mine.delete(conversationId) || teams.has(next.team.id);
        if (teams.has(next.team.id)) queued.add(next.id);
        return relevant;
      }
      case "session.ended":
        return queued.delete(event.data.sessionId) || mine.has(event.data.conversationId);
      case "session.closed":
        if (event.data.agentId !== view.agentId) return false;
        mine.delete(event.data.conversationId);
        return true;
      case "message.created":
        return mine.has(event.data.message.conversationId);
      case "agent.status_changed":
        return event.data.agent.id === view.agentId;
      case "user.changed":
        return event.data.user.id === view.agentId;
      case "team.changed":
        if (event.data.team.memberIds.includes(view.agentId)) teams.add(event.data.team.id);
        else teams.delete(event.data.team.id);
        return true;
      case "team.deleted":
        teams.delete(event.data.teamId);
        return true;
      case "settings.changed":
      case "quick_response.changed":
      case "quick_response.deleted":
        return true;
      default:
        return false;
    }
  };
  return {
    accepts,
    acceptsEphemeral: (name, data) =>
      name === "typing" && mine.has((data as Typing).conversationId) && (data as Typing).from === "customer",
  };
}
