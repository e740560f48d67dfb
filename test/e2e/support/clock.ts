// A browser whose clock is wrong, like a laptop hours off: timers must come from server timestamps
// (PRODUCT.md, "Timers, always from server timestamps"), so a skewed Date must not change what a page shows.
import type { Page } from "playwright-core";

/**
 * Moves the page's clock (Date, timers, performance) `offsetMs` away from the real time; it keeps ticking at
 * real speed. Call before `page.goto` so the app never sees the true time. The clock is the page's context's.
 */
export async function skewBrowserClock(page: Page, offsetMs: number) {
  await page.clock.install({ time: Date.now() + offsetMs });
}
