// Teams (PRODUCT.md, "Routing and assignment"): each with its members and live load; create, rename,
// describe, delete, make default, and add or remove live agents. The load follows the live feed.
import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ApiError, api } from "../../lib/api";
import { type Team, teamsQueryKey, useTeams } from "../../lib/queries";
import { useRefetchOnEvents } from "../../lib/use-refetch-on-events";
import { MembersDialog } from "./MembersDialog";
import { TeamDialog } from "./TeamDialog";
import { orderTeams } from "./team-form";

type Dialog =
  | { kind: "create" }
  | { kind: "edit"; team: Team }
  | { kind: "members"; teamId: string }
  | { kind: "delete"; team: Team };

const sessionEvents = ["session.queued", "session.accepted", "session.transferred", "session.ended"] as const;

export function TeamsPage() {
  const client = useQueryClient();
  const { data: teams = [], isPending, isError } = useTeams();
  const rows = useMemo(() => orderTeams(teams), [teams]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [error, setError] = useState<string | null>(null);
  useRefetchOnEvents(teamsQueryKey, sessionEvents);
  useEffect(() => {
    document.title = "Teams · Switchboard";
  }, []);

  const makeDefault = async (team: Team) => {
    setError(null);
    try {
      await api<Team>(`/teams/${team.id}`, { method: "PATCH", body: { isDefault: true } });
      await client.invalidateQueries({ queryKey: teamsQueryKey });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not reach Switchboard. Try again.");
    }
  };
  const deleteTeam = async (team: Team) => {
    await api(`/teams/${team.id}`, { method: "DELETE" });
    await client.invalidateQueries({ queryKey: teamsQueryKey });
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Teams
        </Title>
        <Button onClick={() => setDialog({ kind: "create" })}>New team</Button>
      </Group>
      <Text size="sm" c="dimmed">
        Requests are routed to teams; a request no routing rule matches goes to the default team.
      </Text>
      {error && (
        <Alert color="red" variant="light" role="alert" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {isError && <Alert color="red">Teams could not be loaded.</Alert>}
      <Table striped withTableBorder aria-label="Teams">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Description</Table.Th>
            <Table.Th>Members</Table.Th>
            <Table.Th>Queued</Table.Th>
            <Table.Th>Active</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((team) => (
            <Table.Tr key={team.id} data-team-id={team.id}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" fw={500} data-testid="team-name">
                    {team.name}
                  </Text>
                  {team.isDefault && (
                    <Badge variant="light" size="sm" style={{ flexShrink: 0, minWidth: "fit-content" }}>
                      Default
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {team.description}
                </Text>
              </Table.Td>
              <Table.Td data-testid="team-members">{team.memberIds.length}</Table.Td>
              <Table.Td data-testid="team-queued">{team.queued}</Table.Td>
              <Table.Td data-testid="team-active">{team.active}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    aria-label={`Edit ${team.name}`}
                    onClick={() => setDialog({ kind: "edit", team })}
                  >
                    Edit
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    aria-label={`Members of ${team.name}`}
                    onClick={() => setDialog({ kind: "members", teamId: team.id })}
                  >
                    Members
                  </Button>
                  {!team.isDefault && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      aria-label={`Make default: ${team.name}`}
                      onClick={() => void makeDefault(team)}
                    >
                      Make default
                    </Button>
                  )}
                  {/* Offered for every team: the server says why the default team or a busy one stays. */}
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    aria-label={`Delete ${team.name}`}
                    onClick={() => setDialog({ kind: "delete", team })}
                  >
                    Delete
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!isPending && rows.length === 0 && (
        <Text c="dimmed" ta="center">
          No teams yet.
        </Text>
      )}
      {dialog?.kind === "create" && <TeamDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === "edit" && <TeamDialog team={dialog.team} onClose={() => setDialog(null)} />}
      {dialog?.kind === "members" && <MembersDialog teamId={dialog.teamId} onClose={() => setDialog(null)} />}
      {dialog?.kind === "delete" && (
        <ConfirmDialog
          title={`Delete team ${dialog.team.name}?`}
          message="Its members stay live agents of the organization. A team with queued or active sessions, or that routing rules send requests to, cannot be deleted."
          confirmLabel="Delete team"
          onConfirm={() => deleteTeam(dialog.team)}
          onClose={() => setDialog(null)}
        />
      )}
    </Stack>
  );
}
