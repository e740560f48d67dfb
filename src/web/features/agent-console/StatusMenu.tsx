// The agent's status, top right (PRODUCT.md: online shown as "Active"). Only an online agent can accept;
// going away hands nothing off.
import { Box, Button, Menu, Text, VisuallyHidden } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type AgentStatus, agentStatuses, type User } from "../../../shared/people";
import { ApiError, api } from "../../lib/api";
import { type Me, meQuery } from "../../lib/queries";

export const statusLabel: Record<AgentStatus, string> = { online: "Active", away: "Away", offline: "Offline" };
const dotColor: Record<AgentStatus, string> = { online: "#2b8a3e", away: "#e67700", offline: "#868e96" };

function StatusDot({ status }: { status: AgentStatus }) {
  return (
    <Box
      component="span"
      w={10}
      h={10}
      style={{ borderRadius: "50%", background: dotColor[status], display: "inline-block" }}
      aria-hidden
    />
  );
}

export function StatusMenu({ me }: { me: Me }) {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const status = me.user.status;
  const change = async (next: AgentStatus) => {
    if (next === status) return;
    setError(null);
    try {
      const user = await api<User>(`/agents/${me.user.id}/status`, { method: "PUT", body: { status: next } });
      client.setQueryData<Me | null>(meQuery.queryKey, (current) =>
        current ? { ...current, user: { ...current.user, ...user } } : current,
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not change your status.");
    }
  };
  return (
    <>
      {error && (
        <Text size="xs" c="red.9" role="alert">
          {error}
        </Text>
      )}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" size="xs" leftSection={<StatusDot status={status} />} data-testid="status-menu">
            <VisuallyHidden>Status: </VisuallyHidden>
            {statusLabel[status]}
          </Button>
        </Menu.Target>
        <Menu.Dropdown aria-label="Your status">
          {agentStatuses.map((s) => (
            <Menu.Item
              key={s}
              leftSection={<StatusDot status={s} />}
              onClick={() => void change(s)}
              aria-current={s === status ? "true" : undefined}
            >
              {statusLabel[s]}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
