// Create or edit a quick response. Errors from the browser's check and from the server (a shortcut
// already taken) show next to the field.
import { Alert, Button, Group, Stack, Textarea, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { QuickResponse } from "../../../shared/agent-console";
import { Dialog } from "../../components/Dialog";
import { api } from "../../lib/api";
import { apiFieldErrors, type FieldErrors, FORM } from "../../lib/form-errors";
import { quickResponsesQueryKey } from "../../lib/quick-responses/queries";
import { draftOf, quickResponseChanges, validateQuickResponse } from "./quick-response-form";

const shownFields = new Set(["shortcut", "body"]);

export function QuickResponseDialog({ response, onClose }: { response?: QuickResponse; onClose: () => void }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(response));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [isBusy, setBusy] = useState(false);
  const edit = (field: keyof typeof draft, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors(({ [field]: _, [FORM]: __, ...rest }) => rest);
  };

  const save = async () => {
    const checked = validateQuickResponse(draft);
    if (!checked.ok) return setErrors(checked.errors);
    const changes = response ? quickResponseChanges(response, checked.value) : checked.value;
    if (!changes) return onClose();
    setBusy(true);
    try {
      if (response) await api(`/quick-responses/${response.id}`, { method: "PATCH", body: changes });
      else await api("/quick-responses", { method: "POST", body: changes });
      await client.invalidateQueries({ queryKey: quickResponsesQueryKey });
      onClose();
    } catch (error) {
      setErrors(apiFieldErrors(error, (field) => shownFields.has(field)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog onClose={onClose} title={response ? `Edit #${response.shortcut}` : "New quick response"} size="lg">
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
            label="Shortcut"
            description="Agents type # and this to pick it: letters, digits, _ and -, up to 30"
            leftSection="#"
            required
            data-autofocus
            value={draft.shortcut}
            onChange={(e) => edit("shortcut", e.currentTarget.value)}
            error={errors.shortcut}
          />
          <Textarea
            label="Text"
            description="{{customer.name}}, {{agent.firstName}} and {{attributes.<key>}} are filled in for the chat"
            required
            autosize
            minRows={3}
            value={draft.body}
            onChange={(e) => edit("body", e.currentTarget.value)}
            error={errors.body}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={isBusy}>
              {response ? "Save" : "Create quick response"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
