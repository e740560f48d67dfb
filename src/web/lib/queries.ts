// Server data the whole console shares: who is signed in, the organization's settings and teams.
import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { teamSchema } from "../../shared/organization";
import type { meSchema } from "../../shared/people";
import type { Settings } from "../../shared/settings";
import { ApiError, api } from "./api";

export type Me = z.infer<typeof meSchema>;
export type Team = z.infer<typeof teamSchema>;

export const meQuery = {
  queryKey: ["me"],
  queryFn: async (): Promise<Me | null> => {
    try {
      return await api<Me>("/me");
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
};

export const useMe = () => useQuery(meQuery);

export const settingsQueryKey = ["settings"];
export const teamsQueryKey = ["teams"];

export const useSettings = () =>
  useQuery({ queryKey: settingsQueryKey, queryFn: () => api<Settings>("/settings"), staleTime: 60_000 });

export const useTeams = () =>
  useQuery({
    queryKey: teamsQueryKey,
    queryFn: async () => (await api<{ teams: Team[] }>("/teams")).teams,
    staleTime: 30_000,
  });
