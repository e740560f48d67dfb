// Debian's Chromium driven by playwright-core: no browser download. The flags suit a container without
// a sandbox or GPU, and keep the browser from calling home during tests.
import { type Browser, chromium, type Page } from "playwright-core";
import { SESSION_COOKIE } from "../../../src/server/http/auth";
import type { Server } from "../../../src/server/main";
import type { TestOrg } from "../../support/fixtures";

export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A fixed viewport so screenshots and layout-dependent checks are the same on every machine. */
export const VIEWPORT = { width: 1280, height: 800 };

export interface E2eBrowser {
  browser: Browser;
  /** A signed-out page whose relative URLs (`page.goto("/")`) go to the server. */
  newPage(server: Server): Promise<Page>;
  /** A page signed in as this person, by their session cookie rather than the sign-in form. */
  newPageAs(server: Server, person: { sessionToken: string }): Promise<Page>;
  /** A page signed in as the organization's supervisor. */
  newSupervisorPage(server: Server, org: TestOrg): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<E2eBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

  // Every page gets a context of its own: cookies and the page clock belong to the context, so two pages
  // (a supervisor and an agent, say) never share a sign-in or a skewed clock.
  async function newPage(server: Server, sessionToken?: string) {
    const context = await browser.newContext({ baseURL: server.url, viewport: VIEWPORT });
    if (sessionToken) {
      await context.addCookies([
        { name: SESSION_COOKIE, value: sessionToken, url: server.url, httpOnly: true, sameSite: "Lax" },
      ]);
    }
    return context.newPage();
  }

  return {
    browser,
    newPage: (server) => newPage(server),
    newPageAs: (server, person) => newPage(server, person.sessionToken),
    newSupervisorPage: (server, org) => newPage(server, org.supervisor.sessionToken),
    close: () => browser.close(),
  };
}
