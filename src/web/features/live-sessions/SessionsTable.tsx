// The table of Live Sessions, exactly the seed's columns. Rows are virtualized, so 10,000 rows render as
// the few dozen in view; each visible timer reads the page's one clock, and only the text that changes
// re-renders each second (a cell re-renders when its wait level changes).
import { Badge, Table, Text, Tooltip } from "@mantine/core";
import { useVirtualizer, type VirtualItem } from "@tanstack/react-virtual";
import { createContext, memo, useContext, useLayoutEffect, useMemo, useRef } from "react";
import { conversationMs, formatDuration, waitMs } from "../../../shared/live-order";
import type { LiveSession } from "../../../shared/sessions";
import type { Settings } from "../../../shared/settings";
import { useServerTime } from "../../lib/use-server-now";
import { waitLevel } from "./figures";
import classes from "./LiveSessions.module.css";

type Thresholds = Settings["waitThresholds"];

function WaitText({ session }: { session: LiveSession }) {
  return useServerTime((now) => formatDuration(waitMs(session, now, "whole-seconds")));
}

function WaitCell({ session, thresholds }: { session: LiveSession; thresholds: Thresholds }) {
  const level = useServerTime((now) => waitLevel(waitMs(session, now, "whole-seconds"), thresholds));
  const className = `${classes.timer} ${level === "red" ? classes.red : level === "amber" ? classes.amber : ""}`;
  return (
    <Table.Td className={className} data-level={level} data-testid="wait">
      <WaitText session={session} />
    </Table.Td>
  );
}

function DurationText({ session }: { session: LiveSession }) {
  return useServerTime((now) => {
    const ms = conversationMs(session, now, "whole-seconds");
    return ms === null ? "—" : formatDuration(ms);
  });
}

function DurationCell({ session }: { session: LiveSession }) {
  return (
    <Table.Td className={classes.timer} data-testid="duration">
      <DurationText session={session} />
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

/** The same element every render: the header (and its tooltip) is not re-rendered with the rows. */
const tableHead = (
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
);

interface VisibleRows {
  rows: readonly LiveSession[];
  items: VirtualItem[];
  /** Heights of the spacers above and below the rows in view. */
  top: number;
  bottom: number;
  thresholds: Thresholds;
  highlighted: ReadonlySet<string>;
}

const VisibleRowsContext = createContext<VisibleRows | null>(null);

/** The rows in view, between two spacers; they reach it by context, so the table around them stays put. */
function Rows() {
  const visible = useContext(VisibleRowsContext);
  if (!visible) return null;
  const { rows, items, top, bottom, thresholds, highlighted } = visible;
  return (
    <>
      {top > 0 && (
        // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row for virtualization, nothing to focus or read
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
        // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row for virtualization, nothing to focus or read
        <tr className={classes.spacer} aria-hidden="true">
          <td colSpan={8} style={{ height: bottom }} />
        </tr>
      )}
    </>
  );
}

/**
 * Memoized: re-renders when its rows change, not for updates elsewhere on the page. The <Table> element is
 * made once: Mantine's Table gives its cells a new context value each time it renders, which would
 * re-render every cell in view for each update, even a row entering or leaving far off screen. So the rows
 * come through a context of their own, and the row count for assistive technology is set on the element.
 */
export const SessionsTable = memo(function SessionsTable({
  rows,
  thresholds,
  highlighted,
}: {
  rows: readonly LiveSession[];
  thresholds: Thresholds;
  highlighted: ReadonlySet<string>;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
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
  useLayoutEffect(() => {
    tableRef.current?.setAttribute("aria-rowcount", String(rows.length + 1));
  }, [rows.length]);
  const table = useMemo(
    () => (
      <Table ref={tableRef} className={classes.table} striped={false} highlightOnHover layout="fixed">
        {tableHead}
        <Table.Tbody>
          <Rows />
        </Table.Tbody>
      </Table>
    ),
    [],
  );
  return (
    // A scrolling region must be reachable by keyboard (axe: scrollable-region-focusable), hence the tabIndex.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: see above
    // biome-ignore lint/a11y/useSemanticElements: a section would add nothing a named region lacks
    <div ref={scroller} className={classes.scroller} tabIndex={0} role="region" aria-label="Live sessions">
      <VisibleRowsContext.Provider value={{ rows, items, top, bottom, thresholds, highlighted }}>
        {table}
      </VisibleRowsContext.Provider>
      {rows.length === 0 && (
        <Text c="dimmed" ta="center" py="xl">
          No queued or active chats.
        </Text>
      )}
    </div>
  );
});
