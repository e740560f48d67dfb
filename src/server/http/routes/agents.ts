// People and live agents: list agents with their teams and load, create and edit users, change status.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParams } from "../../../shared/common";
import {
  agentSchema,
  createUserSchema,
  statusChangeSchema,
  updateUserSchema,
  userSchema,
} from "../../../shared/people";
import { forbidden } from "../../domain/errors";
import { createUser, listAgents, prepareUser, setAgentStatus, updateUser } from "../../domain/users";
import { actorOf, admit, userOf } from "../auth";
import { errorResponses } from "../responses";

export const agentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, writer } = app.services;

  app.get(
    "/agents",
    {
      onRequest: admit("supervisor"),
      schema: { tags: ["agents"], response: { 200: z.object({ agents: z.array(agentSchema) }), ...errorResponses } },
    },
    async (request) => ({ agents: await listAgents(db, userOf(request).orgId) }),
  );

  app.put(
    "/agents/:id/status",
    {
      onRequest: admit("agent", "supervisor"),
      schema: {
        tags: ["agents"],
        description: "An agent sets its own status; a supervisor may set anyone's.",
        params: idParams,
        body: statusChangeSchema,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => {
      const me = userOf(request);
      const isSelf = me.userId === request.params.id;
      if (!isSelf && !me.roles.some((r) => r === "supervisor" || r === "admin")) {
        throw forbidden("Only a supervisor can change another agent's status.");
      }
      return writer.run(me.orgId, (ctx) => setAgentStatus(ctx, request.params.id, request.body.status, actorOf(me)));
    },
  );

  app.post(
    "/users",
    {
      onRequest: admit("admin"),
      schema: { tags: ["agents"], body: createUserSchema, response: { 201: userSchema, ...errorResponses } },
    },
    async (request, reply) => {
      const prepared = await prepareUser(request.body);
      const user = await writer.run(userOf(request).orgId, (ctx) => createUser(ctx, prepared));
      return reply.code(201).send(user);
    },
  );

  app.patch(
    "/users/:id",
    {
      onRequest: admit("admin"),
      schema: {
        tags: ["agents"],
        params: idParams,
        body: updateUserSchema,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => writer.run(userOf(request).orgId, (ctx) => updateUser(ctx, request.params.id, request.body)),
  );
};
