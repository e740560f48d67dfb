// Quick responses (PRODUCT.md, "Agent console"): the organization's canned replies, which agents pick
// with `#` in the composer. Supervisors list, create, edit and delete them here.
import { Alert, Button, Code, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import type { QuickResponse } from "../../../shared/agent-console";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { api } from "../../lib/api";
import { quickResponsesQueryKey, useQuickResponses, useQuickResponsesSync } from "../../lib/quick-responses/queries";
import { QuickResponseDialog } from "./QuickResponseDialog";

type Dialog =
  | { kind: "create" }
  | { kind: "edit"; response: QuickResponse }
  | { kind: "delete"; response: QuickResponse };

export function QuickResponsesPage() {
  const client = useQueryClient();
  const { data = [], isPending, isError } = useQuickResponses();
  useQuickResponsesSync();
  const rows = useMemo(() => [...data].sort((a, b) => a.shortcut.localeCompare(b.shortcut)), [data]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  useEffect(() => {
    document.title = "Quick responses · Switchboard";
  }, []);

  const remove = async (response: QuickResponse) => {
    await api(`/quick-responses/${response.id}`, { method: "DELETE" });
    await client.invalidateQueries({ queryKey: quickResponsesQueryKey });
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Quick responses
        </Title>
        <Button onClick={() => setDialog({ kind: "create" })}>New quick response</Button>
      </Group>
      <Text size="sm" c="dimmed">
        Agents type <Code>#</Code> and a shortcut in a chat to insert the text, filled in for that chat.
      </Text>
      {isError && <Alert color="red">Quick responses could not be loaded.</Alert>}
      <Table striped withTableBorder aria-label="Quick responses">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={200}>Shortcut</Table.Th>
            <Table.Th>Text</Table.Th>
            <Table.Th w={160}>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((response) => (
            <Table.Tr key={response.id} data-quick-response-id={response.id}>
              <Table.Td>
                <Text size="sm" fw={600} data-testid="shortcut">
                  #{response.shortcut}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }} lineClamp={3} data-testid="body">
                  {response.body}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    aria-label={`Edit #${response.shortcut}`}
                    onClick={() => setDialog({ kind: "edit", response })}
                  >
                    Edit
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red.9"
                    aria-label={`Delete #${response.shortcut}`}
                    onClick={() => setDialog({ kind: "delete", response })}
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
          No quick responses yet.
        </Text>
      )}
      {dialog?.kind === "create" && <QuickResponseDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === "edit" && <QuickResponseDialog response={dialog.response} onClose={() => setDialog(null)} />}
      {dialog?.kind === "delete" && (
        <ConfirmDialog
          title={`Delete #${dialog.response.shortcut}?`}
          message="Agents will no longer find it with #. Messages already sent keep their text."
          confirmLabel="Delete quick response"
          onConfirm={() => remove(dialog.response)}
          onClose={() => setDialog(null)}
        />
      )}
    </Stack>
  );
}
