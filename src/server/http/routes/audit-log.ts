// The audit log: every configuration change, newest first, filtered by kind and by user, a page at a time.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { auditPageSchema, auditQuerySchema } from "../../../shared/audit";
import { listAudit } from "../../domain/audit";
import { admit, userOf } from "../auth";
import { errorResponses } from "../responses";

export const auditLogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/audit-log",
    {
      onRequest: admit("supervisor"),
      schema: { tags: ["audit"], querystring: auditQuerySchema, response: { 200: auditPageSchema, ...errorResponses } },
    },
    async (request) => listAudit(app.services.db, userOf(request).orgId, request.query),
  );
};
