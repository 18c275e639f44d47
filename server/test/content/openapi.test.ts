import { describe, expect, it } from 'vitest'
import { createTestContext } from '../helpers/test-context'

describe('content API: OpenAPI', async () => {
  const ctx = await createTestContext()

  it('serves a document of the content routes, with the bearer scheme, at /docs/json', async () => {
    const res = await ctx.app.inject('/docs/json')
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/collections',
      '/api/v1/collections/{id}',
      '/api/v1/collections/{id}/items',
      '/api/v1/collections/{id}/items/bulk',
      '/api/v1/collections/{id}/items/{itemId}',
      '/api/v1/collections/{id}/items/{itemId}/archive',
      '/api/v1/collections/{id}/items/{itemId}/publish',
      '/api/v1/collections/{id}/items/{itemId}/restore',
      '/api/v1/collections/{id}/items/{itemId}/unpublish',
      '/api/v1/collections/{id}/locales',
      '/api/v1/collections/{id}/locales/{tag}',
    ])
    expect(Object.keys(doc.paths['/api/v1/collections/{id}/items/{itemId}']).sort()).toEqual([
      'delete',
      'get',
      'patch',
    ])
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' })
    const create = doc.paths['/api/v1/collections/{id}/items'].post
    expect(create.security).toEqual([{ apiKey: [] }])
    expect(create.requestBody.content['application/json'].schema.properties).toHaveProperty('slug')
    expect(create.requestBody.content['application/json'].schema.properties).toHaveProperty('locales')
    const get = doc.paths['/api/v1/collections/{id}/items/{itemId}'].get
    expect(get.parameters.map((p: { name: string }) => p.name)).toContain('locale')
  })

  it('serves the browsable docs at /docs without an API key', async () => {
    const res = await ctx.app.inject('/docs/')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/html')
  })

  it('still answers the other routes', async () => {
    expect((await ctx.app.inject('/healthz')).statusCode).toBe(200)
  })
})
