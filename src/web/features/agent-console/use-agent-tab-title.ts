// The browser-tab notification of the agent console: "(2) Agent console · Switchboard" while requests of
// the agent's teams are waiting, so a new one shows even when the agent is in another tab.
import { useEffect } from "react";

export function agentTabTitle(queued: number, unread: number): string {
  const count = queued > 0 ? `(${queued}) ` : "";
  const messages = unread > 0 ? ` · ${unread} unread` : "";
  return `${count}Agent console${messages} · Switchboard`;
}

export function useAgentTabTitle(queued: number, unread: number) {
  const title = agentTabTitle(queued, unread);
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(
    () => () => {
      document.title = "Switchboard";
    },
    [],
  );
}
