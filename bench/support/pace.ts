// Open-loop pacing: calls `fire` `rate` times a second for `durationMs`, catching up after a late timer
// rather than slowing down, so a slow server meets the offered load instead of setting its own pace.
import { sleep } from "./stats";

const TICK_MS = 2;

export async function pace(rate: number, durationMs: number, fire: (index: number) => void): Promise<number> {
  const startedAt = performance.now();
  let fired = 0;
  for (;;) {
    const elapsed = performance.now() - startedAt;
    if (elapsed >= durationMs) break;
    const due = Math.floor((elapsed / 1000) * rate);
    while (fired < due) fire(fired++);
    await sleep(TICK_MS);
  }
  return fired;
}
