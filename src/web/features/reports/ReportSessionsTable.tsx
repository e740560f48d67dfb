// The sessions of the range: queued, then active, then ended (A), or sorted by a column; a page at a time
// from the server with its cursor. A row's user name opens the conversation's transcript.
import { Anchor, Badge, Button, Group, Table, Text, UnstyledButton } from "@mantine/core";
import { useState } from "react";
import type { ReportSession, ReportSort } from "../../../shared/reports";
import { useReportSessions } from "./api";
import { duration, endReasonLabels, localDateTime } from "./format";

const PAGE_SIZE = 25;
const statusColor = { queued: "orange", active: "teal", ended: "gray" } as const;
const statusText = { queued: "Queued", active: "Active", ended: "Ended" } as const;

type Column = "requestedAt" | "wait" | "duration";

function SortHeader({
  column,
  label,
  sort,
  onSort,
}: {
  column: Column | "status";
  label: string;
  sort: ReportSort;
  onSort(sort: ReportSort): void;
}) {
  const active = column === "status" ? sort === "status" : sort.replace("-", "") === column;
  const descending = sort.startsWith("-");
  const ariaSort = !active ? "none" : column === "status" ? "other" : descending ? "descending" : "ascending";
  const next: ReportSort =
    column === "status" ? "status" : active && !descending ? (`-${column}` as ReportSort) : (column as ReportSort);
  return (
    <Table.Th aria-sort={ariaSort}>
      <UnstyledButton onClick={() => onSort(next)} fw={700} fz="sm">
        {label} <span aria-hidden="true">{active ? (column === "status" ? "•" : descending ? "▼" : "▲") : "↕"}</span>
      </UnstyledButton>
    </Table.Th>
  );
}

function SessionRow({ session, onOpen }: { session: ReportSession; onOpen(conversationId: string): void }) {
  return (
    <Table.Tr data-session-id={session.id}>
      <Table.Td>
        <Badge color={statusColor[session.status]} variant="light">
          {statusText[session.status]}
        </Badge>
      </Table.Td>
      <Table.Td>{localDateTime(session.queuedAt)}</Table.Td>
      <Table.Td>
        <Anchor component="button" type="button" fz="sm" onClick={() => onOpen(session.conversationId)}>
          {session.customer.name}
        </Anchor>
      </Table.Td>
      <Table.Td>{session.agent?.name ?? "—"}</Table.Td>
      <Table.Td data-testid="wait">{duration(session.waitMs)}</Table.Td>
      <Table.Td>{duration(session.durationMs)}</Table.Td>
      <Table.Td>{session.channel.name}</Table.Td>
      <Table.Td>{session.team.name}</Table.Td>
      <Table.Td>{session.bot.name}</Table.Td>
      <Table.Td>{session.endReason ? endReasonLabels[session.endReason] : "—"}</Table.Td>
    </Table.Tr>
  );
}

/** Keyed by the query and sort by its parent, so a new report starts again on the first page. */
export function ReportSessionsTable({
  query,
  sort,
  onSort,
  onOpen,
}: {
  query: string;
  sort: ReportSort;
  onSort(sort: ReportSort): void;
  onOpen(conversationId: string): void;
}) {
  // cursors[i] opens page i + 1; the first page needs none.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const page = useReportSessions(
    `${query}&sort=${sort}&limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
  );
  const sessions = page.data?.sessions ?? [];
  const next = page.data?.nextCursor ?? null;
  return (
    <>
      <Table.ScrollContainer minWidth={980}>
        <Table striped highlightOnHover withTableBorder fz="sm" aria-label="Sessions" aria-busy={page.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <SortHeader column="status" label="Status" sort={sort} onSort={onSort} />
              <SortHeader column="requestedAt" label="Requested at" sort={sort} onSort={onSort} />
              <Table.Th>User name</Table.Th>
              <Table.Th>Live agent</Table.Th>
              <SortHeader column="wait" label="Wait time" sort={sort} onSort={onSort} />
              <SortHeader column="duration" label="Duration" sort={sort} onSort={onSort} />
              <Table.Th>Channel</Table.Th>
              <Table.Th>Team</Table.Th>
              <Table.Th>Bot</Table.Th>
              <Table.Th>End reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.map((session) => (
              <SessionRow key={session.id} session={session} onOpen={onOpen} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {page.isSuccess && sessions.length === 0 && (
        <Text c="dimmed" ta="center" size="sm">
          No sessions match.
        </Text>
      )}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Page {cursors.length + 1}
        </Text>
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            disabled={cursors.length === 0}
            onClick={() => setCursors((list) => list.slice(0, -1))}
          >
            Previous page
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={!next || page.isFetching}
            onClick={() => next && setCursors((list) => [...list, next])}
          >
            Next page
          </Button>
        </Group>
      </Group>
    </>
  );
}
