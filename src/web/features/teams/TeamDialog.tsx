// Create a team, or rename and describe one. Errors from the browser's check and from the server (a name
// already taken) show next to the field.
import { Alert, Button, Group, Stack, Textarea, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "../../components/Dialog";
import { api } from "../../lib/api";
import { apiFieldErrors, type FieldErrors, FORM } from "../../lib/form-errors";
import { type Team, teamsQueryKey } from "../../lib/queries";
import { draftOf, teamChanges, validateTeam } from "./team-form";

const shownFields = new Set(["name", "description"]);

export function TeamDialog({ team, onClose }: { team?: Team; onClose: () => void }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(team));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [isBusy, setBusy] = useState(false);
  const edit = (field: keyof typeof draft, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors(({ [field]: _, [FORM]: __, ...rest }) => rest);
  };

  const save = async () => {
    const checked = validateTeam(draft);
    if (!checked.ok) return setErrors(checked.errors);
    const changes = team ? teamChanges(team, checked.value) : checked.value;
    if (!changes) return onClose();
    setBusy(true);
    try {
      if (team) await api<Team>(`/teams/${team.id}`, { method: "PATCH", body: changes });
      else await api<Team>("/teams", { method: "POST", body: changes });
      await client.invalidateQueries({ queryKey: teamsQueryKey });
      onClose();
    } catch (error) {
      setErrors(apiFieldErrors(error, (field) => shownFields.has(field)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog onClose={onClose} title={team ? `Edit team ${team.name}` : "New team"}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          {errors[FORM] && (
            <Alert color="red" variant="light" role="alert">
              {errors[FORM]}
            </Alert>
          )}
          <TextInput
            label="Name"
            description="Up to 50 letters, digits and _, starting with a letter"
            required
            data-autofocus
            value={draft.name}
            onChange={(e) => edit("name", e.currentTarget.value)}
            error={errors.name}
          />
          <Textarea
            label="Description"
            description={`${draft.description.length} / 200 characters`}
            autosize
            minRows={2}
            value={draft.description}
            onChange={(e) => edit("description", e.currentTarget.value)}
            error={errors.description}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={isBusy}>
              {team ? "Save" : "Create team"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
