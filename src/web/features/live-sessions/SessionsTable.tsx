// The table of Live Sessions, exactly the seed's columns. Rows are virtualized, so 10,000 rows render as
// the few dozen in view; each visible timer reads the page's one clock.
import { Badge, Table, Text, Tooltip } from "@mantine/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useRef } from "react";
import { conversationMs, formatDuration, waitMs } from "../../../shared/live-order";
import type { LiveSession } from "../../../shared/sessions";
import type { Settings } from "../../../shared/settings";
import { useServerNow } from "../../lib/use-server-now";
import { waitLevel } from "./figures";
import classes from "./LiveSessions.module.css";

type Thresholds = Settings["waitThresholds"];

function WaitCell({ session, thresholds }: { session: LiveSession; thresholds: Thresholds }) {
  const now = useServerNow();
  const ms = waitMs(session, now, "whole-seconds");
  const level = waitLevel(ms, thresholds);
  const className = `${classes.timer} ${level === "red" ? classes.red : level === "amber" ? classes.amber : ""}`;
  return (
    <Table.Td className={className} data-level={level} data-testid="wait">
      {formatDuration(ms)}
    </Table.Td>
  );
}

function DurationCell({ session }: { session: LiveSession }) {
  const now = useServerNow();
  const ms = conversationMs(session, now, "whole-seconds");
  return (
    <Table.Td className={classes.timer} data-testid="duration">
      {ms === null ? "—" : formatDuration(ms)}
    </Table.Td>
  );
}

const SessionRow = memo(function SessionRow({
  session,
  thresholds,
  highlighted,
  index,
}: {
  session: LiveSession;
  thresholds: Thresholds;
  highlighted: boolean;
  index: number;
}) {
  return (
    <Table.Tr
      className={`${classes.row} ${highlighted ? classes.highlight : ""}`}
      data-session-id={session.id}
      data-index={index}
      aria-rowindex={index + 2}
    >
      <Table.Td>
        <Badge color={session.status === "queued" ? "orange" : "teal"} variant="light">
          {session.status === "queued" ? "Queued" : "Active"}
        </Badge>
      </Table.Td>
      <Table.Td data-testid="customer">{session.customer.name}</Table.Td>
      <Table.Td>
        {session.agent?.name ?? (
          <Text c="dimmed" span>
            —
          </Text>
        )}
      </Table.Td>
      <WaitCell session={session} thresholds={thresholds} />
      <DurationCell session={session} />
      <Table.Td>{session.channel.name}</Table.Td>
      <Table.Td>{session.team.name}</Table.Td>
      <Table.Td>{session.bot.name}</Table.Td>
    </Table.Tr>
  );
});

export function SessionsTable({
  rows,
  thresholds,
  highlighted,
}: {
  rows: readonly LiveSession[];
  thresholds: Thresholds;
  highlighted: ReadonlySet<string>;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 41,
    overscan: 12,
    getItemKey: (index) => rows[index].id,
  });
  const items = virtualizer.getVirtualItems();
  const top = items.length > 0 ? items[0].start : 0;
  const bottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  return (
    <div ref={scroller} className={classes.scroller} tabIndex={0} role="region" aria-label="Live sessions">
      <Table className={classes.table} striped={false} highlightOnHover aria-rowcount={rows.length + 1} layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={100}>Status</Table.Th>
            <Table.Th>User name</Table.Th>
            <Table.Th>Live agent name</Table.Th>
            <Table.Th w={110}>Wait time</Table.Th>
            <Table.Th w={170}>Conversation duration</Table.Th>
            <Table.Th w={120}>Channel</Table.Th>
            <Table.Th w={150}>Team</Table.Th>
            <Table.Th w={120}>
              <Tooltip label="The bot (virtual assistant) that handed the chat over">
                <span>Agent</span>
              </Tooltip>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {top > 0 && (
            <tr className={classes.spacer} aria-hidden="true">
              <td colSpan={8} style={{ height: top }} />
            </tr>
          )}
          {items.map((item) => {
            const session = rows[item.index];
            return (
              <SessionRow
                key={session.id}
                session={session}
                thresholds={thresholds}
                highlighted={highlighted.has(session.id)}
                index={item.index}
              />
            );
          })}
          {bottom > 0 && (
            <tr className={classes.spacer} aria-hidden="true">
              <td colSpan={8} style={{ height: bottom }} />
            </tr>
          )}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && (
        <Text c="dimmed" ta="center" py="xl">
          No queued or active chats.
        </Text>
      )}
    </div>
  );
}
