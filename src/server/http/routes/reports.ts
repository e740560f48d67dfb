// Reports (PRODUCT.md, "Reports"): the sessions of a range a page at a time, the summary figures and their
// breakdowns, and one conversation with all its legs for the transcript. Supervisors only.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { idParams } from "../../../shared/common";
import {
  conversationReportSchema,
  type ReportFilters,
  reportSessionsPageSchema,
  reportSessionsQuerySchema,
  reportSummaryQuerySchema,
  reportSummarySchema,
} from "../../../shared/reports";
import { loadConversationReport } from "../../domain/reports/conversation";
import type { ReportScope } from "../../domain/reports/scope";
import { listReportSessions } from "../../domain/reports/sessions-page";
import { summarizeReport } from "../../domain/reports/summary";
import { admit, userOf } from "../auth";
import { errorResponses } from "../responses";
import { exportRoutes } from "./exports";

const scopeOf = (orgId: string, query: { from: string; to: string } & ReportFilters): ReportScope => ({
  orgId,
  from: new Date(query.from),
  to: new Date(query.to),
  filters: {
    teamId: query.teamId,
    agentId: query.agentId,
    channel: query.channel,
    botId: query.botId,
    status: query.status,
    endReason: query.endReason,
  },
});

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.services;
  const tags = ["reports"];
  // CSV exports of these reports run as background jobs; their routes live beside.
  await app.register(exportRoutes);

  app.get(
    "/reports/sessions",
    {
      onRequest: admit("supervisor"),
      schema: {
        tags,
        summary: "Sessions queued in the range, a page at a time (queued, then active, then ended by default)",
        querystring: reportSessionsQuerySchema,
        response: { 200: reportSessionsPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { query } = request;
      return listReportSessions(db, scopeOf(userOf(request).orgId, query), query, clock.now());
    },
  );

  app.get(
    "/reports/summary",
    {
      onRequest: admit("supervisor"),
      schema: {
        tags,
        summary: "Volume, wait (average, median, p90), handle time, transfers, abandoned and timed-out share",
        querystring: reportSummaryQuerySchema,
        response: { 200: reportSummarySchema, ...errorResponses },
      },
    },
    async (request) => {
      const { query } = request;
      return summarizeReport(db, scopeOf(userOf(request).orgId, query), {
        groupBy: query.groupBy,
        timeZone: query.tz,
        now: clock.now(),
      });
    },
  );

  app.get(
    "/reports/conversations/:id",
    {
      onRequest: admit("supervisor"),
      schema: {
        tags,
        summary: "A conversation with every leg, for its transcript (messages: GET /conversations/{id}/messages)",
        params: idParams,
        response: { 200: conversationReportSchema, ...errorResponses },
      },
    },
    async (request) => loadConversationReport(db, userOf(request).orgId, request.params.id, clock.now()),
  );
};
