import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { jsonSchemaTransform } from 'fastify-type-provider-zod'
import { SECURITY_SCHEME, TAG } from './openapi-meta'

const DOCUMENTED = '/api/v1/'

/**
 * The content API's OpenAPI document at `/docs/json`, browsable at `/docs`. Registered before the
 * routes it documents (swagger collects them as they are added); every route outside `/api/v1` is
 * hidden, so the other APIs' schemas are never run through the zod transform.
 */
export async function registerOpenApi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Bindery content API',
        description:
          'Write hub content: collections and items of one site, authenticated by a per-site API key. ' +
          'Errors answer `{ "error": { "code", "message", "details"? } }`. Localized content: enable a ' +
          'locale on a collection, then read and write its item versions with `?locale=fr-FR`.',
        version: '1.0.0',
      },
      tags: [{ name: TAG.collections }, { name: TAG.items }, { name: TAG.locales }],
      components: {
        securitySchemes: {
          [SECURITY_SCHEME]: { type: 'http', scheme: 'bearer', description: 'a site API key, `bdy_…`' },
        },
      },
    },
    transform: (input) =>
      input.url.startsWith(DOCUMENTED)
        ? jsonSchemaTransform(input)
        : { schema: { ...input.schema, hide: true }, url: input.url },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
}
