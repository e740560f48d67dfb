// Stable error codes of the API. The server maps each to one HTTP status (src/server/http/errors.ts);
// clients branch on the code, people read the message.
import { z } from "zod";

export const errorCodes = [
  "invalid_input",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "already_taken",
  "not_queued",
  "agent_not_online",
  "not_team_member",
  "session_ended",
  "payload_too_large",
  "internal",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      field: z.string().optional(),
    }),
  })
  .meta({ id: "ApiError" });
export type ApiError = z.infer<typeof apiErrorSchema>;
