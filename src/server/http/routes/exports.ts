// CSV exports as background jobs: request one (202), list the latest, and download the file once complete.
// The file streams from disk; nothing of it is held in memory.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParams } from "../../../shared/common";
import { createExportSchema, exportJobSchema, exportListSchema } from "../../../shared/reports";
import { exportsDirOf } from "../../config";
import { notFound } from "../../domain/errors";
import { exportFilePath } from "../../domain/exports/files";
import { createExportJob, getDownloadableExport, getExportJob, listExportJobs } from "../../domain/exports/jobs";
import { admit, userOf } from "../auth";
import { errorResponses } from "../responses";

export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, writer, config } = app.services;
  const dir = exportsDirOf(config);
  const tags = ["exports"];

  app.post(
    "/exports",
    {
      onRequest: admit("supervisor"),
      schema: {
        tags,
        summary: "Exports the sessions of a range and filters as CSV, in the background",
        body: createExportSchema,
        response: { 202: exportJobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { orgId, userId } = userOf(request);
      const job = await writer.run(orgId, (ctx) => createExportJob(ctx, userId, request.body));
      return reply.code(202).send(job);
    },
  );

  app.get(
    "/exports",
    {
      onRequest: admit("supervisor"),
      schema: {
        tags,
        summary: "The latest export jobs, newest first",
        response: { 200: exportListSchema, ...errorResponses },
      },
    },
    async (request) => ({ exports: await listExportJobs(db, userOf(request).orgId) }),
  );

  app.get(
    "/exports/:id",
    {
      onRequest: admit("supervisor"),
      schema: { tags, params: idParams, response: { 200: exportJobSchema, ...errorResponses } },
    },
    async (request) => getExportJob(db, userOf(request).orgId, request.params.id),
  );

  app.get(
    "/exports/:id/download",
    {
      onRequest: admit("supervisor"),
      schema: {
        tags,
        summary: "The CSV file of a complete export (text/csv; 409 until it is complete)",
        params: idParams,
        response: { 200: z.string().describe("text/csv"), ...errorResponses },
      },
    },
    async (request, reply) => {
      const job = await getDownloadableExport(db, userOf(request).orgId, request.params.id);
      const file = exportFilePath(dir, job.id);
      const size = await stat(file).then(
        (s) => s.size,
        () => null,
      );
      if (size === null) throw notFound("export file");
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-length", size)
        .header("content-disposition", `attachment; filename="${job.fileName}"`)
        .header("cache-control", "private, no-store")
        .send(createReadStream(file) as never);
    },
  );
};
