// The organization's configuration. Everyone signed in reads it (the consoles colour wait times by it).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { settingsSchema } from "../../../shared/settings";
import { getSettings } from "../../domain/settings";
import { admit, userOf } from "../auth";
import { errorResponses } from "../responses";

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/settings",
    {
      onRequest: admit("agent", "supervisor"),
      schema: { tags: ["settings"], response: { 200: settingsSchema, ...errorResponses } },
    },
    async (request) => getSettings(app.services.db, userOf(request).orgId),
  );
};
