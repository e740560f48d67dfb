// The one error type of the domain. It carries a stable code from the contract; only the HTTP layer
// decides which status that is.
import type { ErrorCode } from "../../shared/errors";

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string, field?: string) => new DomainError("not_found", `${what} not found`, field);
export const invalid = (field: string, message: string) => new DomainError("invalid_input", message, field);
export const conflict = (message: string, field?: string) => new DomainError("conflict", message, field);
export const forbidden = (message: string) => new DomainError("forbidden", message);
