// A team's live agents: add one from those not in it yet, remove one. A new member is new capacity, so the
// server may assign waiting requests to them at once (issue 6, automatic assignment).
import { Alert, Button, Group, Select, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "../../components/Dialog";
import { agentsQueryKey, useAgents } from "../../lib/agents";
import { ApiError, api } from "../../lib/api";
import { type Team, teamsQueryKey, useTeams } from "../../lib/queries";
import { candidatesFor, membersOf } from "./team-form";

export function MembersDialog({ teamId, onClose }: { teamId: string; onClose: () => void }) {
  const client = useQueryClient();
  const team = useTeams().data?.find((t) => t.id === teamId);
  const agents = useAgents().data ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<{ field: "userId" | "form"; message: string } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  if (!team) return null;

  const change = async (userId: string, method: "PUT" | "DELETE") => {
    setBusyId(userId);
    setError(null);
    try {
      const updated = await api<Team>(`/teams/${team.id}/members/${userId}`, { method });
      client.setQueryData<Team[]>(teamsQueryKey, (teams) => teams?.map((t) => (t.id === updated.id ? updated : t)));
      void client.invalidateQueries({ queryKey: agentsQueryKey });
      if (method === "PUT") setChosen(null);
    } catch (e) {
      const message = e instanceof ApiError ? e.message : "Could not reach Switchboard. Try again.";
      setError({ field: method === "PUT" ? "userId" : "form", message });
    } finally {
      setBusyId(null);
    }
  };

  const members = membersOf(team, agents);
  const candidates = candidatesFor(team, agents);
  return (
    <Dialog onClose={onClose} title={`Members of ${team.name}`} size="lg">
      <Stack gap="sm">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) void change(chosen, "PUT");
          }}
        >
          <Group align="end" gap="xs">
            <Select
              label="Live agent to add"
              placeholder={candidates.length > 0 ? "Choose a live agent" : "Every live agent is a member"}
              searchable
              flex={1}
              value={chosen}
              onChange={(value) => {
                setChosen(value);
                setError(null);
              }}
              data={candidates.map((a) => ({ value: a.id, label: a.name }))}
              disabled={candidates.length === 0}
              error={error?.field === "userId" ? error.message : undefined}
            />
            <Button type="submit" disabled={!chosen} loading={busyId !== null && busyId === chosen}>
              Add
            </Button>
          </Group>
        </form>
        {error?.field === "form" && (
          <Alert color="red" variant="light" role="alert">
            {error.message}
          </Alert>
        )}
        {members.length === 0 ? (
          <Text c="dimmed" size="sm">
            No members yet. Requests routed here wait until a live agent of the team accepts them.
          </Text>
        ) : (
          <Table aria-label={`Members of ${team.name}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Remove</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((member) => (
                <Table.Tr key={member.id} data-member-id={member.id}>
                  <Table.Td>{member.name}</Table.Td>
                  <Table.Td>{member.email}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      aria-label={`Remove ${member.name}`}
                      loading={busyId === member.id}
                      onClick={() => void change(member.id, "DELETE")}
                    >
                      Remove
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Dialog>
  );
}
