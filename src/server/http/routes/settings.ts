// The organization's configuration. Everyone signed in reads it (the consoles colour wait times by it);
// admins and supervisors change it, and every change is audited.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { settingsPatchSchema, settingsSchema } from "../../../shared/settings";
import { getSettings } from "../../domain/settings";
import { updateSettings } from "../../domain/settings-update";
import { actorOf, admit, userOf } from "../auth";
import { errorResponses } from "../responses";

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["settings"];
  app.get(
    "/settings",
    {
      onRequest: admit("agent", "supervisor"),
      schema: { tags, response: { 200: settingsSchema, ...errorResponses } },
    },
    async (request) => getSettings(app.services.db, userOf(request).orgId),
  );

  app.put(
    "/settings",
    {
      onRequest: admit("supervisor"),
      schema: {
        tags,
        description: "Changes the fields given; the others keep their values.",
        body: settingsPatchSchema,
        response: { 200: settingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const me = userOf(request);
      return app.services.writer.run(me.orgId, (ctx) => updateSettings(ctx, request.body, actorOf(me)));
    },
  );
};
