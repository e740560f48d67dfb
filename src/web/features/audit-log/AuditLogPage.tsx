// The audit log (PRODUCT.md, "Audit"): every configuration change, newest first — when, who, what, and
// before and after — filtered by kind and by person (kept in the URL), a page at a time.
import { Alert, Badge, Button, Code, Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Fragment, useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import type { z } from "zod";
import { type AuditEntry, type AuditKind, auditKinds, type auditPageSchema } from "../../../shared/audit";
import { useAgents } from "../../lib/agents";
import { api } from "../../lib/api";
import { useMe, useTeams } from "../../lib/queries";
import {
  actionLabel,
  actorsOf,
  changesOf,
  fieldLabel,
  formatWhen,
  kindLabel,
  type Person,
  peopleOf,
} from "./audit-view";

type AuditPage = z.infer<typeof auditPageSchema>;

function useAuditLog(kind: AuditKind | null, userId: string | null) {
  return useInfiniteQuery({
    queryKey: ["audit-log", kind, userId],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams();
      if (kind) query.set("kind", kind);
      if (userId) query.set("userId", userId);
      if (pageParam) query.set("cursor", pageParam);
      return api<AuditPage>(`/audit-log?${query}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

function Changes({ entry, names }: { entry: AuditEntry; names: ReadonlyMap<string, string> }) {
  const changes = changesOf(entry, names);
  return (
    <Stack gap="xs" py="xs">
      {changes.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing changed.
        </Text>
      ) : (
        <Table withTableBorder aria-label={`Changes: ${entry.summary}`} maw={760}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Field</Table.Th>
              <Table.Th>Before</Table.Th>
              <Table.Th>After</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((change) => (
              <Table.Tr key={change.field}>
                <Table.Td>{fieldLabel(change.field)}</Table.Td>
                <Table.Td data-testid="change-before">{change.before ?? "—"}</Table.Td>
                <Table.Td data-testid="change-after">{change.after ?? "—"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <details>
        <Text component="summary" size="sm" style={{ cursor: "pointer" }}>
          As JSON
        </Text>
        <Code block mt={4}>
          {JSON.stringify({ before: entry.before, after: entry.after }, null, 2)}
        </Code>
      </details>
    </Stack>
  );
}

export function AuditLogPage() {
  const [params, setParams] = useSearchParams();
  const kind = (auditKinds as readonly string[]).includes(params.get("kind") ?? "")
    ? (params.get("kind") as AuditKind)
    : null;
  const userId = params.get("user");
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const log = useAuditLog(kind, userId);
  const entries = useMemo(() => log.data?.pages.flatMap((p) => p.entries) ?? [], [log.data]);
  const me = useMe().data;
  const agents = useAgents().data ?? [];
  const teams = useTeams().data ?? [];
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  // Everyone seen acting so far, under any filter: filtering by one person must not empty the list of people.
  const [seen, setSeen] = useState<ReadonlyMap<string, Person>>(new Map());
  useEffect(() => {
    setSeen((known) => {
      const fresh = actorsOf(entries).filter((p) => !known.has(p.id));
      return fresh.length === 0 ? known : new Map([...known, ...fresh.map((p) => [p.id, p] as const)]);
    });
  }, [entries]);
  useEffect(() => {
    document.title = "Audit log · Switchboard";
  }, []);

  const people = peopleOf(seen.values(), me ? [me.user] : [], agents);
  if (userId && !people.some((p) => p.id === userId)) people.push({ id: userId, name: "Unknown user" });
  const names = useMemo(
    () => new Map([...teams, ...agents, ...seen.values()].map((x) => [x.id, x.name] as const)),
    [teams, agents, seen],
  );
  const toggle = (id: string) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Audit log
        </Title>
        <Button variant="default" onClick={() => void log.refetch()} loading={log.isRefetching}>
          Refresh
        </Button>
      </Group>
      <Group gap="xs" align="end">
        <Select
          label="Kind"
          placeholder="All kinds"
          clearable
          w={200}
          value={kind}
          onChange={(v) => set("kind", v)}
          data={auditKinds.map((k) => ({ value: k, label: kindLabel[k] }))}
        />
        <Select
          label="Changed by"
          placeholder="Anyone"
          clearable
          searchable
          w={240}
          value={userId}
          onChange={(v) => set("user", v)}
          data={people.map((p) => ({ value: p.id, label: p.name }))}
        />
        <Text size="sm" c="dimmed">
          Times in {Intl.DateTimeFormat().resolvedOptions().timeZone}
        </Text>
      </Group>
      {log.isError && <Alert color="red">The audit log could not be loaded.</Alert>}
      <Table withTableBorder aria-label="Audit log">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Summary</Table.Th>
            <Table.Th>Before and after</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => {
            const isOpen = expanded.has(entry.id);
            const detailsId = `audit-${entry.id}`;
            return (
              <Fragment key={entry.id}>
                <Table.Tr data-entry-id={entry.id}>
                  <Table.Td>
                    <time dateTime={entry.at}>{formatWhen(entry.at)}</time>
                  </Table.Td>
                  <Table.Td data-testid="audit-actor">{entry.actor.name}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray" tt="none">
                      {kindLabel[entry.kind]}
                    </Badge>{" "}
                    <Text span size="xs" c="dimmed">
                      {actionLabel[entry.action]}
                    </Text>
                  </Table.Td>
                  <Table.Td data-testid="audit-summary">{entry.summary}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      aria-expanded={isOpen}
                      aria-controls={isOpen ? detailsId : undefined}
                      aria-label={`${isOpen ? "Hide" : "Show"} changes: ${entry.summary}`}
                      onClick={() => toggle(entry.id)}
                    >
                      {isOpen ? "Hide" : "Show"}
                    </Button>
                  </Table.Td>
                </Table.Tr>
                {isOpen && (
                  <Table.Tr id={detailsId}>
                    <Table.Td colSpan={5}>
                      <Changes entry={entry} names={names} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
      {!log.isPending && entries.length === 0 && (
        <Text c="dimmed" ta="center">
          No changes recorded{kind || userId ? " for these filters" : ""}.
        </Text>
      )}
      {log.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
