import type { ErrorCode, ErrorEnvelope } from '@bindery/shared/errors'
import type { FastifyError, FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { AppError } from '../vocabulary/app-error'

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'validation_error',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'service_unavailable',
}

/**
 * The one place errors become `{ error: { code, message, details? } }`. 5xx bodies say nothing more.
 * A fastify-plugin: the handlers it sets are the root's, for every scope.
 */
export const errorEnvelope = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((err: FastifyError, req, reply) => {
      const { status, body } = toEnvelope(err)
      if (status >= 500) req.log.error({ err }, 'request failed')
      else req.log.info({ code: body.error.code, status }, body.error.message)
      return reply.code(status).send(body)
    })
    app.setNotFoundHandler((req, reply) =>
      reply.code(404).send(envelope('not_found', `no route for ${req.method} ${req.url.split('?')[0]}`)),
    )
  },
  { name: 'bindery-error-envelope' },
)

function toEnvelope(err: FastifyError): { status: number; body: ErrorEnvelope } {
  if (err instanceof AppError) {
    return {
      status: err.statusCode,
      body: { error: { code: err.code, message: err.message, details: err.details, ...err.extra } },
    }
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      path: `${err.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
      message: v.message,
    }))
    return { status: 400, body: envelope('validation_error', 'the request is invalid', details) }
  }
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
    return { status: 400, body: envelope('validation_error', 'the body is not valid JSON') }
  }
  const status = err.statusCode ?? 500
  if (status < 500 && STATUS_CODES[status]) {
    return { status, body: envelope(STATUS_CODES[status]!, err.message) }
  }
  if (status === 503)
    return { status, body: envelope('service_unavailable', 'temporarily unavailable, retry') }
  return { status: 500, body: envelope('internal_error', 'internal server error') }
}

export function envelope(code: ErrorCode, message: string, details?: unknown): ErrorEnvelope {
  return { error: details === undefined ? { code, message } : { code, message, details } }
}
