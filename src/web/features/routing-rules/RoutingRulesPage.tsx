// Routing rules (PRODUCT.md, "Routing and assignment"): in precedence order, newest first; the first
// enabled rule whose conditions all equal the request's attributes wins, none → the default team.
import { Alert, Badge, Button, Grid, Group, Stack, Switch, Table, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ApiError, api } from "../../lib/api";
import { useTeams } from "../../lib/queries";
import { useRefetchOnEvents } from "../../lib/use-refetch-on-events";
import { pairsOf } from "./key-value-rows";
import { RuleEditor } from "./RuleEditor";
import { type DraftRule, draftOf, type RoutingRule, type RuleDraft, rulesQueryKey } from "./rule-form";
import { TryItPanel } from "./TryItPanel";

const ruleEvents = ["routing_rule.changed", "routing_rule.deleted"] as const;

const useRoutingRules = () =>
  useQuery({
    queryKey: rulesQueryKey,
    queryFn: async () => (await api<{ rules: RoutingRule[] }>("/routing-rules")).rules,
  });

type Editing = { rule?: RoutingRule; draft: RuleDraft };

export function RoutingRulesPage() {
  const client = useQueryClient();
  const { data: rules = [], isPending, isError } = useRoutingRules();
  const teams = useTeams().data ?? [];
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<RoutingRule | null>(null);
  const [error, setError] = useState<string | null>(null);
  useRefetchOnEvents(rulesQueryKey, ruleEvents, 200);
  useEffect(() => {
    document.title = "Routing rules · Switchboard";
  }, []);

  const teamName = (teamId: string) => teams.find((t) => t.id === teamId)?.name ?? "Unknown team";
  const draft: DraftRule | null = useMemo(
    () =>
      editing && {
        id: editing.rule?.id,
        name: editing.draft.name.trim(),
        conditions: pairsOf(editing.draft.rows).pairs,
        teamId: editing.draft.teamId,
        enabled: editing.draft.enabled,
      },
    [editing],
  );

  // The switch moves at once; a refusal puts it back and says why.
  const setEnabled = async (rule: RoutingRule, enabled: boolean) => {
    setError(null);
    const flip = (to: boolean) =>
      client.setQueryData<RoutingRule[]>(rulesQueryKey, (list) =>
        list?.map((r) => (r.id === rule.id ? { ...r, enabled: to } : r)),
      );
    flip(enabled);
    try {
      await api<RoutingRule>(`/routing-rules/${rule.id}`, { method: "PATCH", body: { enabled } });
    } catch (e) {
      flip(rule.enabled);
      setError(e instanceof ApiError ? e.message : "Could not reach Switchboard. Try again.");
    }
    await client.invalidateQueries({ queryKey: rulesQueryKey });
  };
  const deleteRule = async (rule: RoutingRule) => {
    await api(`/routing-rules/${rule.id}`, { method: "DELETE" });
    if (editing?.rule?.id === rule.id) setEditing(null);
    await client.invalidateQueries({ queryKey: rulesQueryKey });
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Routing rules
        </Title>
        <Button onClick={() => setEditing({ draft: draftOf() })} disabled={editing !== null && !editing.rule}>
          New rule
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        Newest first: the first enabled rule whose conditions all match a request's attributes sends it to its team.
        When none matches, the request goes to the default team.
      </Text>
      {error && (
        <Alert color="red" variant="light" role="alert" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {isError && <Alert color="red">Routing rules could not be loaded.</Alert>}
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="sm">
            {editing && (
              <RuleEditor
                key={editing.rule?.id ?? "new"}
                rule={editing.rule}
                draft={editing.draft}
                onChange={(next) => setEditing({ ...editing, draft: next })}
                teams={teams}
                onClose={() => setEditing(null)}
              />
            )}
            <Table striped withTableBorder aria-label="Routing rules">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Order</Table.Th>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Conditions</Table.Th>
                  <Table.Th>Team</Table.Th>
                  <Table.Th>Enabled</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rules.map((rule, index) => (
                  <Table.Tr key={rule.id} data-rule-id={rule.id}>
                    <Table.Td>{index + 1}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500} data-testid="rule-name">
                        {rule.name}
                      </Text>
                      {rule.description && (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {rule.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {rule.conditions.map((c) => (
                          <Badge key={`${c.key}=${c.value}`} variant="light" color="gray" tt="none">
                            {c.key} = {c.value}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td data-testid="rule-team">{teamName(rule.teamId)}</Table.Td>
                    <Table.Td>
                      <Switch
                        aria-label={`${rule.name} enabled`}
                        checked={rule.enabled}
                        onChange={(e) => void setEnabled(rule, e.currentTarget.checked)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-label={`Edit ${rule.name}`}
                          onClick={() => setEditing({ rule, draft: draftOf(rule) })}
                        >
                          Edit
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          aria-label={`Delete ${rule.name}`}
                          onClick={() => setDeleting(rule)}
                        >
                          Delete
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {!isPending && rules.length === 0 && (
              <Text c="dimmed" ta="center">
                No routing rules yet: every request goes to the default team.
              </Text>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <TryItPanel rules={rules} teams={teams} draft={draft} />
        </Grid.Col>
      </Grid>
      {deleting && (
        <ConfirmDialog
          title={`Delete rule ${deleting.name}?`}
          message="Requests it would have matched go to the next matching rule, or to the default team. Chats in progress are not disturbed."
          confirmLabel="Delete rule"
          onConfirm={() => deleteRule(deleting)}
          onClose={() => setDeleting(null)}
        />
      )}
    </Stack>
  );
}
