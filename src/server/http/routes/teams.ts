// Teams and their members. Everyone signed in may read them (agents pick a transfer target); admins and
// supervisors change them.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParams } from "../../../shared/common";
import { createTeamSchema, memberParams, teamSchema, updateTeamSchema } from "../../../shared/organization";
import { addTeamMember, createTeam, deleteTeam, listTeams, removeTeamMember, updateTeam } from "../../domain/teams";
import { actorOf, admit, userOf } from "../auth";
import { errorResponses } from "../responses";

export const teamRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, writer } = app.services;
  const tags = ["teams"];

  app.get(
    "/teams",
    {
      onRequest: admit("agent", "supervisor"),
      schema: { tags, response: { 200: z.object({ teams: z.array(teamSchema) }), ...errorResponses } },
    },
    async (request) => ({ teams: await listTeams(db, userOf(request).orgId) }),
  );

  app.post(
    "/teams",
    {
      onRequest: admit("supervisor"),
      schema: { tags, body: createTeamSchema, response: { 201: teamSchema, ...errorResponses } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await writer.run(userOf(request).orgId, (ctx) => createTeam(ctx, request.body, actorOf(userOf(request)))),
        ),
  );

  app.patch(
    "/teams/:id",
    {
      onRequest: admit("supervisor"),
      schema: { tags, params: idParams, body: updateTeamSchema, response: { 200: teamSchema, ...errorResponses } },
    },
    async (request) =>
      writer.run(userOf(request).orgId, (ctx) =>
        updateTeam(ctx, request.params.id, request.body, actorOf(userOf(request))),
      ),
  );

  app.delete(
    "/teams/:id",
    {
      onRequest: admit("supervisor"),
      schema: { tags, params: idParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await writer.run(userOf(request).orgId, (ctx) => deleteTeam(ctx, request.params.id, actorOf(userOf(request))));
      return reply.code(204).send(null);
    },
  );

  app.put(
    "/teams/:id/members/:userId",
    {
      onRequest: admit("supervisor"),
      schema: { tags, params: memberParams, response: { 200: teamSchema, ...errorResponses } },
    },
    async (request) =>
      writer.run(userOf(request).orgId, (ctx) =>
        addTeamMember(ctx, request.params.id, request.params.userId, actorOf(userOf(request))),
      ),
  );

  app.delete(
    "/teams/:id/members/:userId",
    {
      onRequest: admit("supervisor"),
      schema: { tags, params: memberParams, response: { 200: teamSchema, ...errorResponses } },
    },
    async (request) =>
      writer.run(userOf(request).orgId, (ctx) =>
        removeTeamMember(ctx, request.params.id, request.params.userId, actorOf(userOf(request))),
      ),
  );
};
