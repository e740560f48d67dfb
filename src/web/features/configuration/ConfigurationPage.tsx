// Configuration (PRODUCT.md, "Routing and assignment"; issue 6): auto-accept, the chat limit per agent,
// round-robin, the queue timeout, and the wait-time thresholds Live Sessions colours rows by.
import { Alert, Button, Group, NumberInput, Paper, Stack, Switch, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import type { Settings } from "../../../shared/settings";
import { api } from "../../lib/api";
import { apiFieldErrors, type FieldErrors, FORM } from "../../lib/form-errors";
import { settingsQueryKey, useSettings } from "../../lib/queries";
import { type ConfigurationDraft, draftOf, settingsChanges, validateConfiguration } from "./configuration-form";

const shownFields = new Set([
  "autoAccept",
  "maxChatsPerAgent",
  "roundRobin",
  "queueTimeoutMinutes",
  "waitThresholds.amberSeconds",
  "waitThresholds.redSeconds",
]);

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replaceAll(" ", "-")}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function ConfigurationForm({ settings }: { settings: Settings }) {
  const client = useQueryClient();
  const [base, setBase] = useState(settings);
  const [draft, setDraft] = useState(() => draftOf(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [isBusy, setBusy] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const isEdited = JSON.stringify(draft) !== JSON.stringify(draftOf(base));

  // A change saved elsewhere (another tab, another supervisor) shows at once unless this form has edits.
  useEffect(() => {
    if (settings === base || isEdited) return;
    setBase(settings);
    setDraft(draftOf(settings));
  }, [settings, base, isEdited]);

  const edit = <K extends keyof ConfigurationDraft>(field: K, value: ConfigurationDraft[K], errorField: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setSavedAt(null);
    setErrors(({ [errorField]: _, [FORM]: __, ...rest }) => rest);
  };

  const save = async () => {
    const checked = validateConfiguration(draft);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    const changes = settingsChanges(settings, checked.value);
    if (!changes) return;
    setBusy(true);
    try {
      const saved = await api<Settings>("/settings", { method: "PUT", body: changes });
      client.setQueryData(settingsQueryKey, saved);
      await client.invalidateQueries({ queryKey: settingsQueryKey });
      setBase(saved);
      setDraft(draftOf(saved));
      setSavedAt(new Date());
    } catch (error) {
      setErrors(apiFieldErrors(error, (field) => shownFields.has(field)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="md" maw={720}>
        {errors[FORM] && (
          <Alert color="red" variant="light" role="alert">
            {errors[FORM]}
          </Alert>
        )}
        <Section title="Assignment">
          <Switch
            label="Auto-accept"
            description="Give each new request at once to an online agent of its team who is below the limit, without a manual accept."
            checked={draft.autoAccept}
            onChange={(e) => edit("autoAccept", e.currentTarget.checked, "autoAccept")}
            error={errors.autoAccept}
          />
          <Switch
            label="Round-robin"
            description="Assign to the agent online longest first, then the least loaded, then the one assigned least recently."
            checked={draft.roundRobin}
            onChange={(e) => edit("roundRobin", e.currentTarget.checked, "roundRobin")}
            error={errors.roundRobin}
          />
          <NumberInput
            label="Maximum concurrent chats per agent"
            description="1–100. Automatic assignment stops at this limit; an agent may still accept more by hand."
            w={360}
            min={1}
            max={100}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            value={draft.maxChatsPerAgent}
            onChange={(value) => edit("maxChatsPerAgent", value, "maxChatsPerAgent")}
            error={errors.maxChatsPerAgent}
          />
        </Section>
        <Section title="Queue">
          <Switch
            label="Queue timeout"
            description="End a request that no agent accepts in time as timed out."
            checked={draft.hasQueueTimeout}
            onChange={(e) => edit("hasQueueTimeout", e.currentTarget.checked, "queueTimeoutMinutes")}
          />
          <NumberInput
            label="Queue timeout in minutes"
            description="1–1,440 (24 hours)."
            w={360}
            min={1}
            max={1440}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            disabled={!draft.hasQueueTimeout}
            value={draft.queueTimeoutMinutes}
            onChange={(value) => edit("queueTimeoutMinutes", value, "queueTimeoutMinutes")}
            error={errors.queueTimeoutMinutes}
          />
        </Section>
        <Section title="Wait-time thresholds">
          <Text size="sm" c="dimmed">
            Live Sessions colours a queued request amber, then red, as its wait grows.
          </Text>
          <Group align="start">
            <NumberInput
              label="Amber after (seconds)"
              w={220}
              min={1}
              max={86_400}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              value={draft.amberSeconds}
              onChange={(value) => edit("amberSeconds", value, "waitThresholds.amberSeconds")}
              error={errors["waitThresholds.amberSeconds"]}
            />
            <NumberInput
              label="Red after (seconds)"
              w={220}
              min={1}
              max={86_400}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              value={draft.redSeconds}
              onChange={(value) => edit("redSeconds", value, "waitThresholds.redSeconds")}
              error={errors["waitThresholds.redSeconds"]}
            />
          </Group>
        </Section>
        <Group>
          <Button type="submit" loading={isBusy} disabled={!isEdited}>
            Save
          </Button>
          <Button
            variant="default"
            disabled={!isEdited}
            onClick={() => {
              setDraft(draftOf(settings));
              setBase(settings);
              setErrors({});
            }}
          >
            Discard changes
          </Button>
          <Text size="sm" role="status" data-testid="save-status">
            {savedAt ? "Saved." : isEdited ? "Unsaved changes." : ""}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}

export function ConfigurationPage() {
  const { data: settings, isError } = useSettings();
  useEffect(() => {
    document.title = "Configuration · Switchboard";
  }, []);
  return (
    <Stack gap="sm">
      <Title order={1} size="h2">
        Configuration
      </Title>
      {isError && <Alert color="red">The configuration could not be loaded.</Alert>}
      {settings && <ConfigurationForm settings={settings} />}
    </Stack>
  );
}
