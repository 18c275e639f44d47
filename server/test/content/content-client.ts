import type { HubField } from '@bindery/shared/hub'
import type { TestContext } from '../helpers/test-context'

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

/** A content-API client over `app.inject`, authenticated with a fresh key of `siteId`. */
export async function contentClient(ctx: TestContext, siteId: string) {
  const admin = { authorization: `Bearer ${ctx.config.adminToken}` }
  const created = await ctx.app.inject({
    method: 'POST',
    url: `/admin/api/sites/${siteId}/api-keys`,
    headers: admin,
    payload: { name: `key for ${siteId}` },
  })
  const key: string = created.json().key
  const call = (method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    ctx.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${key}`, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    })
  const createCollection = async (slug: string, fields: Partial<HubField>[] = []) => {
    const res = await call('POST', '/collections', { slug, name: slug, singularName: slug, fields })
    if (res.statusCode !== 201) throw new Error(`collection create failed: ${res.body}`)
    return res.json().id as string
  }
  return { key, call, createCollection }
}

/** Simulates a link of the collection to Webflow, as the sync engine would insert it. */
export async function insertLink(ctx: TestContext, siteId: string, collectionId: string, webflowId: string) {
  const { rows } = await ctx.db.query<{ id: string }>(
    `insert into links (site_id, hub_collection_id, webflow_collection_id, state) values ($1, $2, $3, 'live')
     returning id`,
    [siteId, collectionId, webflowId],
  )
  return rows[0]!.id
}
