// The Fastify application: validation and OpenAPI from the shared zod schemas, identification of the
// caller, one error handler, one plugin per resource, and the built web client.
import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import { identify } from "./auth";
import { handleError } from "./errors";
import { agentRoutes as agentConsoleRoutes } from "./routes/agent";
import { agentRoutes } from "./routes/agents";
import { apiKeyRoutes } from "./routes/api-keys";
import { auditLogRoutes } from "./routes/audit-log";
import { authRoutes } from "./routes/auth";
import { botRoutes } from "./routes/bots";
import { conversationRoutes } from "./routes/conversations";
import { handoffRoutes } from "./routes/handoffs";
import { liveSessionRoutes } from "./routes/live-sessions";
import { quickResponseRoutes } from "./routes/quick-responses";
import { reportRoutes } from "./routes/reports";
import { routingRuleRoutes } from "./routes/routing-rules";
import { sessionRoutes } from "./routes/sessions";
import { settingsRoutes } from "./routes/settings";
import { teamRoutes } from "./routes/teams";
import { widgetRoutes } from "./routes/widget";
import type { Services } from "./services";

export interface AppOptions {
  services: Services;
  logger: FastifyBaseLogger;
  webRoot?: string;
  /** The built chat widget (widget.js) and its demo page. */
  widgetRoot?: string;
}

export async function buildApp({ services, logger, webRoot, widgetRoot }: AppOptions) {
  const app = Fastify({ loggerInstance: logger, bodyLimit: services.config.BODY_LIMIT_BYTES });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.decorate("services", services);
  app.decorateRequest("principal", null);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "Switchboard API",
        version: "1.0.0",
        description: "Live-agent console: hand-offs, sessions, live feed.",
      },
      components: {
        securitySchemes: {
          apiKey: { type: "http", scheme: "bearer", description: "Organization API key (bot platforms)" },
          cookie: { type: "apiKey", in: "cookie", name: "sb_session", description: "Sign-in cookie (people)" },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get("/healthz", { schema: { hide: true } }, async () => ({ ok: true }));

  await app.register(
    async (api) => {
      api.addHook("onRequest", async (request) => {
        request.principal = await identify(services, request);
      });
      await api.register(authRoutes);
      await api.register(handoffRoutes);
      await api.register(sessionRoutes);
      await api.register(conversationRoutes);
      await api.register(liveSessionRoutes);
      await api.register(agentRoutes);
      await api.register(teamRoutes);
      await api.register(botRoutes);
      await api.register(routingRuleRoutes);
      await api.register(apiKeyRoutes);
      await api.register(settingsRoutes);
      await api.register(agentConsoleRoutes);
      await api.register(quickResponseRoutes);
      await api.register(widgetRoutes);
      await api.register(auditLogRoutes);
      await api.register(reportRoutes);
      api.setNotFoundHandler((request, reply) => {
        reply.code(404).send({ error: { code: "not_found", message: `No route ${request.method} ${request.url}` } });
      });
    },
    { prefix: "/api/v1" },
  );

  if (widgetRoot) serveWidget(app, widgetRoot);

  if (webRoot && existsSync(path.join(webRoot, "index.html"))) {
    await app.register(fastifyStatic, { root: path.resolve(webRoot), wildcard: false });
    // The web client routes in the browser: every other GET that is not the API gets its shell.
    app.setNotFoundHandler((request, reply) => {
      if (request.method === "GET" && !request.url.startsWith("/api/")) return reply.sendFile("index.html");
      reply.code(404).send({ error: { code: "not_found", message: `No route ${request.method} ${request.url}` } });
    });
  } else {
    app.setNotFoundHandler((request, reply) => {
      reply.code(404).send({ error: { code: "not_found", message: `No route ${request.method} ${request.url}` } });
    });
  }
  return app;
}

/** The widget script any page embeds (so any origin may load it), and a sample page that embeds it. */
function serveWidget(app: FastifyInstance, widgetRoot: string) {
  const files = [
    { url: "/widget.js", file: "widget.js", type: "application/javascript; charset=utf-8" },
    { url: "/widget-demo.html", file: "widget-demo.html", type: "text/html; charset=utf-8" },
  ];
  for (const { url, file, type } of files) {
    app.get(url, { schema: { hide: true } }, (_request, reply) => {
      const full = path.join(widgetRoot, file);
      if (!existsSync(full)) {
        return reply
          .code(404)
          .send({ error: { code: "not_found", message: `${file} is not built; run npm run build` } });
      }
      return reply
        .header("content-type", type)
        .header("access-control-allow-origin", "*")
        .header("cache-control", "no-cache")
        .send(createReadStream(full));
    });
  }
}
