import type { ErrorCode } from '@bindery/shared/errors'

/** An expected failure a caller can act on; the error handler turns it into the envelope. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra top-level keys of the error object, e.g. `installUrl`. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message)
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`)
export const badRequest = (message: string, details?: unknown) =>
  new AppError(400, 'validation_error', message, details)
