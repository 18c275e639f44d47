import { OAuthAccessTokenResponse, OAuthErrorResponse } from '@bindery/shared/webflow'
import { WebflowApiError } from './webflow-api-error'

/**
 * OAuth token exchange and revoke (docs/webflow.md, OAuth). The SDK's helpers cannot take our base URLs
 * or timeouts, so these are plain fetch. They are never retried: a code is single-use.
 */
export type OAuthApp = { clientId: string; clientSecret: string; apiUrl: string; authUrl: string }

const TIMEOUT_MS = 15_000

export async function exchangeCode(app: OAuthApp, code: string, redirectUri: string): Promise<string> {
  const data = await post(`${app.apiUrl}/oauth/access_token`, {
    client_id: app.clientId,
    client_secret: app.clientSecret,
    code,
    grant_type: 'authorization_code',
    redirect_uri: redirectUri,
  })
  const parsed = OAuthAccessTokenResponse.safeParse(data)
  if (!parsed.success)
    throw new WebflowApiError(502, 'unexpected_response', 'token exchange: no access_token')
  return parsed.data.access_token
}

/** Revokes a grant; false when Webflow no longer knows the token (already revoked). */
export async function revokeToken(app: OAuthApp, accessToken: string): Promise<boolean> {
  try {
    await post(`${app.authUrl}/oauth/revoke_authorization`, {
      client_id: app.clientId,
      client_secret: app.clientSecret,
      access_token: accessToken,
    })
    return true
  } catch (err) {
    if (err instanceof WebflowApiError && err.code === 'invalid_token') return false
    throw err
  }
}

async function post(url: string, body: Record<string, string>): Promise<unknown> {
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (err) {
    throw new WebflowApiError(0, 'no_response', `${new URL(url).pathname}: ${(err as Error).message}`)
  }
  const data = await res.json().catch(() => undefined)
  if (res.ok) return data
  const oauth = OAuthErrorResponse.safeParse(data)
  const code = oauth.success ? oauth.data.error : `http_${res.status}`
  const message = oauth.success ? (oauth.data.error_description ?? oauth.data.error) : res.statusText
  throw new WebflowApiError(res.status, code, message)
}
