import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { audienceTracker, markAudience } from '../../src/http/audience'
import { createTestContext } from '../helpers/test-context'

// Every public route, on purpose: a new one must be added here, deliberately.
const PUBLIC = [
  /^\/healthz$/,
  /^\/readyz$/,
  /^\/oauth\/(install|callback)$/,
  /^\/webhooks\/webflow$/,
  /^\/api\/session\*?$/, // with the CORS preflight route of @fastify/cors
  /^\/docs(\/.*)?$/,
  /^\/playground(\/.*)?$/,
  /^\/console(\/\*|\/api\/session)?$/, // the support console's files and its sign-in (admin token in the body)
]

const expected = (url: string) =>
  url === '/api/v1' || url.startsWith('/api/v1/')
    ? 'content'
    : url.startsWith('/api/sites/:siteId')
      ? 'designer'
      : url.startsWith('/admin/api/')
        ? 'admin'
        : url === '/metrics'
          ? 'metrics'
          : 'public'

describe('the route table, by audience', async () => {
  // Sandbox mode, so the playground's routes are in the table too.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bindery-audiences-'))
  const ctx = await createTestContext({ WEBFLOW_CLIENT_ID: '', BINDERY_MODE: 'sandbox', DATA_DIR: dataDir })

  it('puts every route in the scope its URL promises, and the public ones are the known few', () => {
    const table = ctx.app.routeTable
    expect(table.length).toBeGreaterThan(40)
    for (const route of table) {
      expect({ route: `${route.method} ${route.url}`, audience: route.audience }).toEqual({
        route: `${route.method} ${route.url}`,
        audience: expected(route.url),
      })
      if (route.audience === 'public')
        expect(
          PUBLIC.some((p) => p.test(route.url)),
          route.url,
        ).toBe(true)
    }
    const audiences = new Set(table.map((r) => r.audience))
    expect([...audiences].sort()).toEqual(['admin', 'content', 'designer', 'metrics', 'public'])
  })

  it('refuses to start with a route outside every audience scope', async () => {
    const app = Fastify()
    await app.register(audienceTracker)
    await app.register(async (scope) => {
      markAudience(scope, 'admin')
      scope.get('/guarded', async () => 'ok')
    })
    app.get('/forgotten', async () => 'leak')
    await expect(app.ready()).rejects.toThrow(/outside every audience scope: GET \/forgotten/)
  })
})
