// The one place that turns errors into HTTP: a stable code, a status, a message a person can act on,
// and the field at fault. 5xx details stay in the log.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { ApiError, ErrorCode } from "../../shared/errors";
import { DomainError } from "../domain/errors";

export const statusOf: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  already_taken: 409,
  not_queued: 409,
  agent_not_online: 409,
  not_team_member: 403,
  session_ended: 409,
  payload_too_large: 413,
  internal: 500,
};

function body(code: ErrorCode, message: string, field?: string): ApiError {
  return { error: field ? { code, message, field } : { code, message } };
}

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) {
    return reply.code(statusOf[error.code]).send(body(error.code, error.message, error.field));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0];
    const where = error.validationContext === "body" ? "" : `${error.validationContext}.`;
    const path = issue.instancePath.split("/").filter(Boolean).join(".");
    const field = `${where}${path}` || error.validationContext || "body";
    return reply.code(400).send(body("invalid_input", `${field}: ${issue.message}`, field));
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return reply.code(413).send(body("payload_too_large", "The request body is too large.", "body"));
  if (status >= 400 && status < 500) {
    // Fastify's own 4xx: malformed JSON, wrong content type, and the like.
    const field = error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE" ? "content-type" : "body";
    return reply.code(status).send(body("invalid_input", error.message, field));
  }
  request.log.error({ err: error }, "request failed");
  return reply.code(500).send(body("internal", "Something went wrong on our side; it has been logged."));
}
