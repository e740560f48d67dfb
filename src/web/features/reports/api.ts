// The Reports page's server data: summary figures, a page of sessions, one conversation, and export jobs.
// Query keys carry the query string, so a change of range or filters is a new query, cached on its own.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Message } from "../../../shared/messages";
import type {
  ConversationReport,
  CreateExport,
  ExportJob,
  ReportSessionsPage,
  ReportSummary,
} from "../../../shared/reports";
import { api } from "../../lib/api";

export const useReportSummary = (query: string | null) =>
  useQuery({
    queryKey: ["reports", "summary", query],
    queryFn: () => api<ReportSummary>(`/reports/summary?${query}`),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });

export const useReportSessions = (query: string | null) =>
  useQuery({
    queryKey: ["reports", "sessions", query],
    queryFn: () => api<ReportSessionsPage>(`/reports/sessions?${query}`),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });

export const useConversationReport = (conversationId: string | null) =>
  useQuery({
    queryKey: ["reports", "conversation", conversationId],
    queryFn: () => api<ConversationReport>(`/reports/conversations/${conversationId}`),
    enabled: conversationId !== null,
  });

export const useTranscript = (conversationId: string | null) =>
  useQuery({
    queryKey: ["reports", "messages", conversationId],
    queryFn: async () => (await api<{ messages: Message[] }>(`/conversations/${conversationId}/messages`)).messages,
    enabled: conversationId !== null,
  });

const exportsKey = ["reports", "exports"];

/** The latest jobs; polled while one is still queued or running. */
export const useExports = () =>
  useQuery({
    queryKey: exportsKey,
    queryFn: async () => (await api<{ exports: ExportJob[] }>("/exports")).exports,
    refetchInterval: (query) =>
      query.state.data?.some((job) => job.status === "queued" || job.status === "running") ? 1_500 : false,
  });

export function useRequestExport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateExport) => api<ExportJob>("/exports", { method: "POST", body }),
    onSuccess: (job) => {
      client.setQueryData<ExportJob[]>(exportsKey, (jobs) => [job, ...(jobs ?? [])].slice(0, 10));
      void client.invalidateQueries({ queryKey: exportsKey });
    },
  });
}
