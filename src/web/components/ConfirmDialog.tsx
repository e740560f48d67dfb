// Asks before something that cannot be undone (deleting a team or a rule) and shows the server's refusal
// in place, so the supervisor reads why (a team with live sessions, the default team) where they clicked.
import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { ApiError } from "../lib/api";
import { Dialog } from "./Dialog";

export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  message: string;
  confirmLabel: string;
  /** Resolves when done; a rejection is shown in the dialog, which stays open. */
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}) {
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not reach Switchboard. Try again.");
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog onClose={onClose} title={title}>
      <Stack gap="sm">
        <Text size="sm">{message}</Text>
        {error && (
          <Alert color="red" variant="light" role="alert" data-testid="confirm-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red.9" onClick={() => void confirm()} loading={isBusy}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
