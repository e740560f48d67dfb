// Live / reconnecting / stale since hh:mm: whether what the page shows is current.
import { Badge, Tooltip } from "@mantine/core";
import { useConnection } from "../lib/live/context";

const timeOfDay = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

export function ConnectionIndicator() {
  const { state, lastHeardAt } = useConnection();
  const label =
    state === "live"
      ? "Live"
      : state === "stale"
        ? `Stale since ${lastHeardAt ? timeOfDay(lastHeardAt) : "start"}`
        : state === "reconnecting"
          ? "Reconnecting…"
          : "Connecting…";
  const color = state === "live" ? "green" : state === "stale" ? "red" : "yellow";
  return (
    <Tooltip label="Connection to live updates">
      <Badge color={color} variant="light" role="status" aria-live="polite" data-testid="connection">
        {label}
      </Badge>
    </Tooltip>
  );
}
