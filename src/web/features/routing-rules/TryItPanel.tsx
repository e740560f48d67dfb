// "Try it": a request's attributes in, the rule that matches and the team it would reach out — as routing
// stands (asked of the server), and, while a rule is being edited, as it would be once saved.
import { Alert, Box, Button, Code, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import type { z } from "zod";
import type { ref } from "../../../shared/common";
import { api } from "../../lib/api";
import { apiFieldErrors, FORM } from "../../lib/form-errors";
import type { Team } from "../../lib/queries";
import { duplicateKeyErrors, type PairRow, pairsOf, type RowErrors, rowsOf } from "./key-value-rows";
import { PairsEditor } from "./PairsEditor";
import { type DraftRule, type RoutingRule, routeWithDraft } from "./rule-form";

type TestResult = { rule: RoutingRule | null; team: z.infer<typeof ref> };
type Tried = { attributes: Record<string, string>; result: TestResult };

export function TryItPanel({
  rules,
  teams,
  draft,
}: {
  rules: readonly RoutingRule[];
  teams: readonly Team[];
  /** The rule being edited, unsaved; null when none is. */
  draft: DraftRule | null;
}) {
  const [rows, setRows] = useState<PairRow[]>(() => rowsOf([]));
  const [rowErrors, setRowErrors] = useState<RowErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [tried, setTried] = useState<Tried | null>(null);
  const [isBusy, setBusy] = useState(false);

  const tryIt = async () => {
    const duplicates = duplicateKeyErrors(rows);
    setRowErrors(duplicates);
    setError(null);
    if (Object.keys(duplicates).length > 0) return;
    const attributes = Object.fromEntries(pairsOf(rows).pairs.map((p) => [p.key, p.value]));
    setBusy(true);
    try {
      const result = await api<TestResult>("/routing-rules/test", { method: "POST", body: { attributes } });
      setTried({ attributes, result });
    } catch (e) {
      setError(apiFieldErrors(e, () => false)[FORM]);
    } finally {
      setBusy(false);
    }
  };

  const teamName = (teamId: string | null) =>
    (teamId ? teams.find((t) => t.id === teamId) : teams.find((t) => t.isDefault))?.name ?? "an unknown team";
  const preview = tried && draft ? routeWithDraft(rules, draft, tried.attributes) : null;
  const triedText = tried
    ? Object.entries(tried.attributes)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ") || "no attributes"
    : "";

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="try-it-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void tryIt();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4" id="try-it-title">
            Try it
          </Title>
          <Text size="sm" c="dimmed">
            Type a request's attributes to see which rule matches and which team it would reach.
          </Text>
          <PairsEditor noun="Attribute" rows={rows} onChange={setRows} errors={rowErrors} />
          <Group>
            <Button type="submit" loading={isBusy}>
              Try
            </Button>
          </Group>
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Box role="status" aria-live="polite" data-testid="try-result">
            {tried && (
              <Stack gap={4}>
                <Text size="sm">
                  For <Code>{triedText}</Code>, as saved:
                </Text>
                <Text size="sm">
                  Rule:{" "}
                  <Text span fw={600} data-testid="try-rule">
                    {tried.result.rule?.name ?? "none matches"}
                  </Text>
                </Text>
                <Text size="sm">
                  Team:{" "}
                  <Text span fw={600} data-testid="try-team">
                    {tried.result.team.name}
                  </Text>
                  {!tried.result.rule && " (the default team)"}
                </Text>
                {preview && (
                  <Text size="sm" data-testid="try-draft">
                    With the rule you are editing saved:{" "}
                    <Text span fw={600}>
                      {preview.isDraft
                        ? `${preview.ruleName || "unnamed"} (this rule)`
                        : (preview.ruleName ?? "no rule")}
                    </Text>{" "}
                    →{" "}
                    <Text span fw={600}>
                      {teamName(preview.teamId)}
                    </Text>
                  </Text>
                )}
              </Stack>
            )}
          </Box>
        </Stack>
      </form>
    </Paper>
  );
}
