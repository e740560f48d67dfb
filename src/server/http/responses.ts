// Error responses every route may give, for the OpenAPI document.
import { apiErrorSchema } from "../../shared/errors";

export const errorResponses = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
};
