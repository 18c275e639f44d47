import http from 'node:http'
import { expect } from 'vitest'
import { BOSS_SCHEMA } from '../../src/db/boss-jobs'
import { insertLink } from '../content/content-client'
import { adminApi, designerSession } from '../helpers/test-context'
import { DEMO, type InstallWorld, startInstallWorld } from '../install/install-world'

export type RawResponse = { status: number; body: string; headers: http.IncomingHttpHeaders }

/**
 * Two sites of one workspace installed by one installation (site A, the demo site, and site B),
 * each with a content API key; site A with a collection, an item and a link. What an attacker
 * who knows both site ids (they are public) would aim at.
 */
export async function startSecurityWorld(env: Record<string, string> = {}) {
  const w: InstallWorld = await startInstallWorld({}, env)
  const { ctx } = w
  const siteB = w.sim.control.seed({ sites: [{ displayName: 'Site B', workspaceId: DEMO.workspaceId }] })
    .sites[0]!.id
  expect((await w.install()).status).toBe(200)
  const admin = adminApi(ctx)
  const keyOf = async (siteId: string) =>
    (await admin('POST', `/sites/${siteId}/api-keys`, { name: `key of ${siteId}` })).json().key as string
  const keyA = await keyOf(DEMO.siteId)
  const keyB = await keyOf(siteB)
  const content = (key: string) => (method: string, url: string, payload?: object) =>
    ctx.app.inject({
      method: method as 'POST',
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${key}` },
      ...(payload ? { payload } : {}),
    })
  const created = await content(keyA)('POST', '/collections', {
    slug: 'notes',
    name: 'Notes',
    singularName: 'Note',
    fields: [],
  })
  expect(created.statusCode).toBe(201)
  const collectionId: string = created.json().id
  const item = await content(keyA)('POST', `/collections/${collectionId}/items`, {
    slug: 'first',
    name: 'First',
  })
  expect(item.statusCode).toBe(201)
  const linkId = await insertLink(ctx, DEMO.siteId, collectionId, DEMO.postsCollectionId)
  const ids = { siteA: DEMO.siteId, siteB, collectionId, itemId: item.json().id as string, linkId }

  /** A fingerprint of everything a request could change; equal before and after = nothing changed. */
  const snapshot = async () => {
    const q = async (sql: string) => (await ctx.db.query(sql)).rows[0]?.v ?? null
    const md5 = (table: string, cols = '*') =>
      q(
        `select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as v from (select ${cols} from ${table}) t`,
      )
    return {
      apiKeys: await md5('api_keys', 'id, site_id, name, revoked_at, expires_at, created_by'),
      sites: await md5('sites', 'id, paused, session_epoch, installation_id'),
      installations: await md5('installations', 'id, status, token_ciphertext'),
      managers: await md5('site_managers'),
      collections: await md5('hub_collections'),
      items: await md5('hub_items'),
      links: await md5('links'),
      conflicts: await md5('conflicts'),
      audit: await q('select count(*)::int as v from audit_log'),
      jobs: await q(`select count(*)::int as v from ${BOSS_SCHEMA}.job`),
    }
  }

  /** A request as written, byte for byte (no URL normalisation on the way), over real HTTP. */
  const raw = (method: string, path: string, o: { headers?: Record<string, string>; body?: string } = {}) =>
    new Promise<RawResponse>((resolve, reject) => {
      const url = new URL(w.publicUrl)
      const req = http.request(
        { host: url.hostname, port: url.port, method, path, headers: o.headers, insecureHTTPParser: false },
        (res) => {
          let body = ''
          res.on('data', (d) => {
            body += d
          })
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
        },
      )
      req.on('error', reject)
      req.end(o.body)
    })

  return {
    ...w,
    ids,
    keyA,
    keyB,
    admin,
    snapshot,
    raw,
    sessionOf: (siteId: string, role: 'viewer' | 'editor' | 'manager' = 'manager') =>
      designerSession(ctx, siteId, { role }),
  }
}
