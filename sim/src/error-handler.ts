import type { FastifyError, FastifyInstance } from 'fastify'
import { badRequest, internalError, notFound, WebflowApiError } from './errors.ts'

/** Every error leaves as Webflow's `{code, message, externalReference, details}` envelope. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | WebflowApiError, _req, reply) => {
    let e: WebflowApiError
    if (err instanceof WebflowApiError) e = err
    else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own 4xx: malformed JSON, empty JSON body, unsupported content type.
      e = badRequest(`Bad Request: ${err.message}`)
    } else {
      e = internalError()
    }
    reply.code(e.statusCode).headers(e.headers).send(e.body())
  })
  app.setNotFoundHandler((_req, reply) => {
    const e = notFound('route')
    reply.code(404).send(e.body())
  })
}
