// Transfer a chat to another team with an optional note; the next agent reads the note as a system line.
import { Alert, Button, Group, Select, Stack, Textarea } from "@mantine/core";
import { useState } from "react";
import type { AgentSession } from "../../../shared/agent-console";
import { Dialog } from "../../components/Dialog";
import { ApiError, api } from "../../lib/api";
import { useTeams } from "../../lib/queries";

export function TransferDialog({
  session,
  onClose,
  onTransferred,
}: {
  session: AgentSession;
  onClose: () => void;
  onTransferred: () => void;
}) {
  const teams = useTeams().data ?? [];
  const [teamId, setTeamId] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [teamError, setTeamError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const targets = teams
    .filter((t) => t.id !== session.team.id)
    .map((t) => ({ value: t.id, label: t.name }))
    .sort((a, b) => a.label.localeCompare(b.label));

  const transfer = async () => {
    if (!teamId) return setTeamError("Choose a team");
    setBusy(true);
    setError(null);
    try {
      const trimmed = note.trim();
      await api(`/sessions/${session.id}/transfer`, {
        method: "POST",
        body: trimmed ? { teamId, note: trimmed } : { teamId },
      });
      onTransferred();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not reach Switchboard. Try again.");
      setBusy(false);
    }
  };

  return (
    <Dialog onClose={onClose} title={`Transfer the chat with ${session.customer.name}`}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void transfer();
        }}
      >
        <Stack gap="sm">
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Select
            label="Team"
            placeholder="Choose a team"
            required
            data={targets}
            value={teamId}
            onChange={(value) => {
              setTeamId(value);
              setTeamError(null);
            }}
            error={teamError}
            allowDeselect={false}
            data-autofocus
          />
          <Textarea
            label="Note for the next agent"
            description={`Optional · ${note.length} / 1000 characters`}
            autosize
            minRows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={isBusy}>
              Transfer
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
