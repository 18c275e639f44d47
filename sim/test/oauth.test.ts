import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { client, DEMO, type DemoSim, failure, http, startDemo } from './helpers.ts'

let t: DemoSim
beforeEach(async () => {
  t = await startDemo()
})
afterEach(async () => {
  await t.sim.close()
})

const redirectUri = 'http://localhost:3000/oauth/callback'
const scopes = 'sites:read sites:write cms:read cms:write authorized_user:read'

async function authorize(query: Record<string, string>) {
  const qs = new URLSearchParams({
    response_type: 'code',
    client_id: 'bindery-dev',
    redirect_uri: redirectUri,
    scope: scopes,
    state: 'st4te',
    ...query,
  })
  return http(t.sim, 'GET', `/oauth/authorize?${qs}`)
}

async function code(): Promise<string> {
  const res = await authorize({})
  expect(res.status).toBe(302)
  const location = new URL(res.headers.get('location')!)
  expect(location.origin + location.pathname).toBe(redirectUri)
  expect(location.searchParams.get('state')).toBe('st4te')
  return location.searchParams.get('code')!
}

const exchange = (c: string, extra: Record<string, string> = {}) =>
  http(t.sim, 'POST', '/oauth/access_token', {
    body: {
      client_id: 'bindery-dev',
      client_secret: 'bindery-dev-secret',
      code: c,
      grant_type: 'authorization_code',
      redirect_uri: redirectUri,
      ...extra,
    },
  })

describe('OAuth', () => {
  it('authorize → code → token works and the token reaches the workspace sites', async () => {
    const res = await exchange(await code())
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ token_type: 'bearer', scope: scopes })
    const { sites } = await client(t.sim, res.json.access_token).sites.list()
    expect(sites?.map((s) => s.id)).toEqual([DEMO.siteId])
  })

  it('accepts a form-encoded token request', async () => {
    const c = await code()
    const res = await http(t.sim, 'POST', '/oauth/access_token', {
      form: {
        client_id: 'bindery-dev',
        client_secret: 'bindery-dev-secret',
        code: c,
        grant_type: 'authorization_code',
        redirect_uri: redirectUri,
      },
    })
    expect(res.status).toBe(200)
  })

  it('unknown client_id on authorize → 400', async () => {
    const res = await authorize({ client_id: 'nope' })
    expect(res.status).toBe(400)
    expect(res.json.error).toBe('invalid_client')
  })

  it('scope outside the app → 400 invalid_scope', async () => {
    const res = await authorize({ scope: 'cms:read ecommerce:write' })
    expect(res.status).toBe(400)
    expect(res.json.error).toBe('invalid_scope')
  })

  it('response_type other than code → 400', async () => {
    expect((await authorize({ response_type: 'token' })).status).toBe(400)
  })

  it('wrong client secret → 401 invalid_client', async () => {
    const res = await exchange(await code(), { client_secret: 'wrong' })
    expect(res.status).toBe(401)
    expect(res.json.error).toBe('invalid_client')
  })

  it('a code is single-use', async () => {
    const c = await code()
    expect((await exchange(c)).status).toBe(200)
    const again = await exchange(c)
    expect(again.status).toBe(400)
    expect(again.json.error).toBe('invalid_grant')
  })

  it('a code expires after 15 minutes', async () => {
    const c = await code()
    t.clock.now += 15 * 60_000 + 1
    expect((await exchange(c)).json.error).toBe('invalid_grant')
  })

  it('redirect_uri mismatch → invalid_grant', async () => {
    const res = await exchange(await code(), { redirect_uri: 'http://evil.example/cb' })
    expect(res.status).toBe(400)
    expect(res.json.error).toBe('invalid_grant')
  })

  it('revoke makes later calls 401', async () => {
    const token = (await exchange(await code())).json.access_token
    const res = await http(t.sim, 'POST', '/oauth/revoke_authorization', {
      body: { client_id: 'bindery-dev', client_secret: 'bindery-dev-secret', access_token: token },
    })
    expect(res.json).toEqual({ did_revoke: true })
    expect((await failure(client(t.sim, token).sites.list())).status).toBe(401)
  })

  it('consent mode shows a page and approves on submit', async () => {
    t.sim.control.setConfig({ consent: true })
    const page = await authorize({})
    expect(page.status).toBe(200)
    expect(page.text).toContain('<button type="submit">Authorize</button>')
    const form: Record<string, string> = {
      response_type: 'code',
      client_id: 'bindery-dev',
      redirect_uri: redirectUri,
      scope: scopes,
      state: 's',
      workspace: DEMO.workspaceId,
    }
    const res = await http(t.sim, 'POST', '/oauth/authorize', { form })
    expect(res.status).toBe(302)
    expect(new URL(res.headers.get('location')!).searchParams.get('code')).toBeTruthy()
  })
})

describe('token endpoints', () => {
  it('introspect shows scopes, sites and the rate limit', async () => {
    const info = await t.wf.token.introspect()
    expect(info.authorization?.authorizedTo?.siteIds).toEqual([DEMO.siteId])
    expect(info.authorization?.rateLimit).toBe(120)
    expect(info.authorization?.grantType).toBe('authorization_code')
  })

  it('authorized_by returns the user', async () => {
    const user = await t.wf.token.authorizedBy()
    expect(user).toMatchObject({ id: DEMO.userId, email: 'dana@example.com' })
  })

  it('authorized_by without authorized_user:read → 403', async () => {
    const token = t.sim.control.oauthToken(DEMO.workspaceId, ['sites:read'])
    expect((await failure(client(t.sim, token).token.authorizedBy())).status).toBe(403)
  })
})

describe('ID token resolve', () => {
  const resolve = (token: string, idToken: string) =>
    http(t.sim, 'POST', '/beta/token/resolve', { token, body: { idToken } })

  it('resolves an ID token minted by the control API', async () => {
    const { idToken } = (
      await http(t.sim, 'POST', '/_sim/id-tokens', {
        body: { siteId: DEMO.siteId, user: { email: 'e@x.io' } },
      })
    ).json
    expect(idToken.split('.')).toHaveLength(3)
    const res = await resolve(t.token, idToken)
    expect(res.status).toBe(200)
    expect(res.json).toEqual({
      id: DEMO.userId,
      email: 'e@x.io',
      firstName: 'Dana',
      lastName: 'Designer',
      siteId: DEMO.siteId,
    })
  })

  it('an expired ID token → 401', async () => {
    const idToken = t.sim.control.idToken(DEMO.siteId)
    t.clock.now += 15 * 60_000 + 1
    const res = await resolve(t.token, idToken)
    expect(res.status).toBe(401)
    expect(res.json.code).toBe('not_authorized')
  })

  it('an unknown ID token → 401', async () => {
    expect((await resolve(t.token, 'a.b.c')).status).toBe(401)
  })

  it('a token without authorized_user:read → 403 missing_scopes', async () => {
    const token = t.sim.control.oauthToken(DEMO.workspaceId, ['cms:read'])
    const res = await resolve(token, t.sim.control.idToken(DEMO.siteId))
    expect(res.status).toBe(403)
    expect(res.json.code).toBe('missing_scopes')
  })

  it('an app token not authorized for the ID token site → 401', async () => {
    const other = t.sim.control.seed({ workspaces: [{ displayName: 'W2' }] })
    const site = t.sim.control.seed({
      sites: [{ displayName: 'Elsewhere', workspaceId: other.workspaces[0]!.id }],
    })
    const res = await resolve(t.token, t.sim.control.idToken(site.sites[0]!.id))
    expect(res.status).toBe(401)
  })
})
