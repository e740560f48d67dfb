import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { LiveEvent } from "../../shared/events";
import { defaultSettings } from "../../shared/settings";
import type { FeedMessage } from "./live/feed";
import { syncOrganization } from "./organization-sync";
import type { Team } from "./queries";

const team = (id: string, name: string, isDefault = false): Team => ({
  id,
  name,
  description: "",
  isDefault,
  memberIds: [],
  queued: 0,
  active: 0,
});

function setup() {
  const listeners: ((m: FeedMessage) => void)[] = [];
  const feed = {
    subscribe: (listener: (m: FeedMessage) => void) => {
      listeners.push(listener);
      return () => true;
    },
  };
  const client = new QueryClient();
  client.setQueryData(["teams"], [team("t1", "General", true), team("t2", "Billing")]);
  client.setQueryData(["settings"], defaultSettings);
  syncOrganization(feed, client);
  let seq = 0;
  const hear = (type: LiveEvent["type"], data: unknown) =>
    listeners.forEach((l) => {
      l({ kind: "event", event: { seq: ++seq, type, at: "2026-01-01T00:00:00.000Z", data } as LiveEvent });
    });
  return { client, hear };
}

describe("the organization's teams and settings follow the live feed", () => {
  it("a settings change replaces the settings at once", () => {
    const { client, hear } = setup();
    const settings = { ...defaultSettings, waitThresholds: { amberSeconds: 30, redSeconds: 90 } };
    hear("settings.changed", { settings });
    expect(client.getQueryData(["settings"])).toEqual(settings);
  });

  it("a changed team replaces its old self, a new one is added, a deleted one leaves", () => {
    const { client, hear } = setup();
    hear("team.changed", { team: { ...team("t2", "Billing"), isDefault: true } });
    hear("team.changed", { team: team("t3", "Vip") });
    hear("team.deleted", { teamId: "t1" });
    const teams = client.getQueryData<Team[]>(["teams"]) ?? [];
    expect(teams.map((t) => [t.name, t.isDefault])).toEqual([
      ["Billing", true],
      ["Vip", false],
    ]);
  });
});
