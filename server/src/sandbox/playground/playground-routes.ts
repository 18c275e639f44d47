import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../../config'
import type { Db } from '../../db/pool'
import { listSites } from '../../db/sites'
import { readBuildFile } from '../../plugins/build-files'
import { AppError, notFound } from '../../vocabulary/app-error'
import { EXTENSION_DIST, extensionBuilt, withStub } from './extension-files'
import { notBuiltPage, playgroundPage } from './playground-page'
import { simClient } from './sim-client'

const ASSETS = path.join(import.meta.dirname, 'assets')
const ASSET_TYPES: Record<string, string> = {
  'playground.js': 'text/javascript; charset=utf-8',
  'playground.css': 'text/css; charset=utf-8',
  'webflow-stub.js': 'text/javascript; charset=utf-8',
}
// Same-origin only: the page, the panel iframe and the API all come from this server.
const CSP =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; frame-ancestors 'self'"
const PAGE_HEADERS = { 'cache-control': 'no-store', 'content-security-policy': CSP }

const ItemBody = z.strictObject({
  collectionId: z.string().min(1).max(64),
  itemId: z.string().min(1).max(64),
})

/**
 * Sandbox mode only: `/playground`, a page standing in for a slice of the Webflow Designer (the
 * demo site, a CMS item picker, edits "in Webflow" through the simulator) around the real
 * extension build, served from `extension/dist` at `/playground/extension/`.
 */
export const playgroundRoutes: FastifyPluginAsyncZod<{ config: Config; db: Db; dist?: string }> = async (
  app,
  { config, db, dist = EXTENSION_DIST },
) => {
  const sim = simClient(config.webflow.apiUrl)

  /** The site the playground's Designer has open: the installed demo site. */
  const currentSite = async () => {
    const site = (await listSites(db))[0]
    if (!site) {
      throw new AppError(
        503,
        'service_unavailable',
        'the sandbox is still installing Bindery; try again shortly',
      )
    }
    return site
  }

  app.get('/playground', async (_req, reply) => {
    reply.headers({ ...PAGE_HEADERS, 'content-type': 'text/html; charset=utf-8' })
    return extensionBuilt(dist) ? playgroundPage() : notBuiltPage()
  })

  app.get('/playground/context', async (req) => {
    const site = await currentSite()
    return {
      siteId: site.id,
      siteName: site.displayName,
      shortName: site.shortName,
      workspaceId: site.workspaceId,
      apiUrl: `${req.protocol}://${req.host}`,
      simUrl: config.webflow.apiUrl,
      locales: await sim.locales(site.id),
    }
  })

  app.post('/playground/id-token', async () => {
    const site = await currentSite()
    return sim.idToken(site.id)
  })

  app.get('/playground/items', async () => {
    const site = await currentSite()
    return { collections: await sim.collections(site.id) }
  })

  app.post(
    '/playground/edit',
    {
      schema: {
        body: ItemBody.extend({
          name: z.string().trim().min(1).max(256),
          cmsLocaleId: z.string().min(1).max(64).optional(),
        }),
      },
    },
    async (req) => {
      const site = await currentSite()
      const { collectionId, itemId, name, cmsLocaleId } = req.body
      await sim.updateItem(site.id, collectionId, itemId, { name }, cmsLocaleId)
      return { ok: true }
    },
  )

  app.post('/playground/publish', { schema: { body: ItemBody } }, async (req) => {
    const site = await currentSite()
    await sim.publishItem(site.id, req.body.collectionId, req.body.itemId)
    return { ok: true }
  })

  app.post('/playground/delete', { schema: { body: ItemBody } }, async (req) => {
    const site = await currentSite()
    await sim.deleteItem(site.id, req.body.collectionId, req.body.itemId)
    return { ok: true }
  })

  app.get('/playground/assets/:name', async (req, reply) => {
    const { name } = req.params as { name: string }
    const type = ASSET_TYPES[name]
    if (!type) throw notFound('asset')
    reply.headers({ 'content-type': type, 'cache-control': 'no-store' })
    return readFile(path.join(ASSETS, name))
  })

  // The stub sits beside the extension's folder so the build's index.html reaches it as `../`.
  app.get('/playground/webflow-stub.js', async (_req, reply) => {
    reply.headers({ 'content-type': ASSET_TYPES['webflow-stub.js']!, 'cache-control': 'no-store' })
    return readFile(path.join(ASSETS, 'webflow-stub.js'))
  })

  app.get('/playground/extension/*', async (req, reply) => {
    const relative = (req.params as { '*': string })['*'] || 'index.html'
    const file = await readBuildFile(relative, dist)
    if (!file) throw notFound('file')
    reply.header('content-type', file.type)
    if (relative === 'index.html') {
      reply.headers(PAGE_HEADERS)
      return withStub(file.body.toString('utf8'))
    }
    reply.header('cache-control', 'no-cache')
    return file.body
  })
  app.get('/playground/extension', async (_req, reply) => reply.redirect('/playground/extension/'))
}
