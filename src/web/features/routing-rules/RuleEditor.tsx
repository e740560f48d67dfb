// Create or edit a routing rule: name, description, conditions (all must match), target team, enabled.
// The draft lives in the page, so "Try it" can show where a request would go before it is saved.
import { Alert, Button, Group, Input, Paper, Select, Stack, Switch, Textarea, TextInput, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../lib/api";
import { apiFieldErrors, type FieldErrors, FORM } from "../../lib/form-errors";
import type { Team } from "../../lib/queries";
import { type RowErrors, rowErrorsOf } from "./key-value-rows";
import { PairsEditor } from "./PairsEditor";
import { type RoutingRule, type RuleDraft, ruleChanges, rulesQueryKey, validateRule } from "./rule-form";

const shownFields = /^(name|description|teamId|enabled|conditions(\.\d+\.(key|value))?)$/;

export function RuleEditor({
  rule,
  draft,
  onChange,
  teams,
  onClose,
}: {
  rule?: RoutingRule;
  draft: RuleDraft;
  onChange: (draft: RuleDraft) => void;
  teams: readonly Team[];
  onClose: () => void;
}) {
  const client = useQueryClient();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [rowErrors, setRowErrors] = useState<RowErrors>({});
  const [isBusy, setBusy] = useState(false);
  const edit = (change: Partial<RuleDraft>) => {
    onChange({ ...draft, ...change });
    const touched = Object.keys(change);
    setErrors((all) => Object.fromEntries(Object.entries(all).filter(([f]) => !touched.includes(f) && f !== FORM)));
  };

  const save = async () => {
    const checked = validateRule(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setRowErrors(checked.rowErrors);
      return;
    }
    setErrors({});
    setRowErrors({});
    const changes = rule ? ruleChanges(rule, checked.value) : checked.value;
    if (!changes) return onClose();
    setBusy(true);
    try {
      if (rule) await api<RoutingRule>(`/routing-rules/${rule.id}`, { method: "PATCH", body: changes });
      else await api<RoutingRule>("/routing-rules", { method: "POST", body: changes });
      await client.invalidateQueries({ queryKey: rulesQueryKey });
      onClose();
    } catch (error) {
      const found = apiFieldErrors(error, (field) => shownFields.test(field));
      setErrors(found);
      setRowErrors(rowErrorsOf(found, "conditions", checked.rowIds));
    } finally {
      setBusy(false);
    }
  };

  const title = rule ? `Edit rule ${rule.name}` : "New routing rule";
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            {title}
          </Title>
          {errors[FORM] && (
            <Alert color="red" variant="light" role="alert">
              {errors[FORM]}
            </Alert>
          )}
          <Group grow align="start">
            <TextInput
              label="Name"
              description="Up to 50 characters"
              required
              value={draft.name}
              onChange={(e) => edit({ name: e.currentTarget.value })}
              error={errors.name}
            />
            <Select
              label="Team"
              description="Where matching requests go"
              required
              placeholder="Choose a team"
              searchable
              value={draft.teamId}
              onChange={(teamId) => edit({ teamId })}
              data={teams.map((t) => ({ value: t.id, label: t.name }))}
              error={errors.teamId}
            />
          </Group>
          <Textarea
            label="Description"
            description={`${draft.description.length} / 200 characters`}
            autosize
            minRows={1}
            value={draft.description}
            onChange={(e) => edit({ description: e.currentTarget.value })}
            error={errors.description}
          />
          <Input.Wrapper
            label="Conditions"
            description="A request matches when every attribute below equals the request's. Blank rows are ignored."
            error={errors.conditions}
            labelElement="div"
          >
            <Stack mt={6}>
              <PairsEditor
                noun="Condition"
                rows={draft.rows}
                onChange={(rows) => {
                  onChange({ ...draft, rows });
                  setRowErrors({});
                  setErrors(({ conditions: _, ...rest }) => rest);
                }}
                errors={rowErrors}
              />
            </Stack>
          </Input.Wrapper>
          <Switch
            label="Enabled"
            description="A disabled rule is skipped"
            checked={draft.enabled}
            onChange={(e) => edit({ enabled: e.currentTarget.checked })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={isBusy}>
              {rule ? "Save rule" : "Create rule"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
