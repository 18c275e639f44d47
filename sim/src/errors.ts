import type { WebflowErrorBody, WebflowErrorDetail } from '@bindery/shared/webflow'

/** A Webflow error answer; thrown by handlers and turned into `{code, message, externalReference, details}`. */
export class WebflowApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: WebflowErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }

  body(): WebflowErrorBody {
    return { message: this.message, code: this.code, externalReference: null, details: this.details }
  }
}

export type FieldError = {
  param: string
  description: string
}

export const notAuthorized = () => new WebflowApiError(401, 'not_authorized', 'Request not authorized')

export const missingScopes = (scopes: string[]) =>
  new WebflowApiError(
    403,
    'missing_scopes',
    `OAuthForbidden: You are missing the following scopes - ${scopes.join(', ')}`,
  )

export const forbidden = (message = 'User is not authorized to perform this action') =>
  new WebflowApiError(403, 'forbidden', message)

export const notFound = (what: string) =>
  new WebflowApiError(404, 'resource_not_found', `Requested resource not found: The ${what} cannot be found`)

export const badRequest = (
  message = 'Bad Request: Request is malformed',
  details: WebflowErrorDetail[] = [],
) => new WebflowApiError(400, 'bad_request', message, details)

export const validationError = (details: FieldError[], message = 'Validation Error') =>
  new WebflowApiError(400, 'validation_error', message, details)

export const conflict = (message: string, code = 'conflict') => new WebflowApiError(409, code, message)

export const tooManyRequests = (retryAfterSeconds: number) =>
  new WebflowApiError(429, 'too_many_requests', 'Too Many Requests', [], {
    'retry-after': String(retryAfterSeconds),
  })

export const internalError = () => new WebflowApiError(500, 'internal_error', 'An Internal Error occurred')

export const neverPublishedConflict = () =>
  conflict(
    "Conflict: Conflict with server data: Live PATCH updates can't be applied to items that have never been published",
  )

/** A live write into a collection no site publish has taken live yet. [unconfirmed] */
export const collectionNotLive = (c: { id: string }) =>
  new WebflowApiError(
    409,
    'conflict',
    `Conflict: collection ${c.id} must be published with the site before its items can go live`,
  )
