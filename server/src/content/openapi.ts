import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance, FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import { jsonSchemaTransform } from 'fastify-type-provider-zod'
import { SECURITY_SCHEME, TAG } from './openapi-meta'

/**
 * The content API's OpenAPI document. Registered on the root before every scope (swagger collects
 * routes as they are added; a fastify-plugin, so it sees every scope's); every route outside the
 * content audience is hidden, so the other APIs' schemas are never run through the zod transform.
 */
export const openApi = fp(
  async (app: FastifyInstance) => {
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
        input.route.config?.audience === 'content'
          ? jsonSchemaTransform(input)
          : { schema: { ...input.schema, hide: true }, url: input.url },
    })
  },
  { name: 'bindery-openapi' },
)

/** The document at `/docs/json`, browsable at `/docs` (public). */
export const openApiDocs: FastifyPluginAsync = async (app) => {
  // staticCSP: the UI's own Content-Security-Policy, matching its static files.
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true })
}
