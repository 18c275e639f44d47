import type { ErrorEnvelope } from '@bindery/shared/errors'

/** An answer that was not 2xx, with the envelope's code and message when there was one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

let csrfToken: string | null = null
let onSignedOut: () => void = () => {}

/** The CSRF token of the current sign-in; every write sends it back (console-session.ts). */
export const setCsrfToken = (token: string | null) => {
  csrfToken = token
}
/** Called when the server says the session is over (expired, signed out elsewhere). */
export const whenSignedOut = (fn: () => void) => {
  onSignedOut = fn
}

/** JSON to and from Bindery's own origin; the HttpOnly cookie rides along by itself. */
export async function api<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = {}
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let json: unknown = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = text
  }
  if (!res.ok) {
    // Read by hand, not with the zod schema: zod probes `new Function`, which the page's CSP refuses.
    const env = (json as Partial<ErrorEnvelope> | null)?.error
    const err =
      env && typeof env.code === 'string' && typeof env.message === 'string'
        ? new ApiError(res.status, env.code, env.message)
        : new ApiError(res.status, 'http_error', `${res.status} ${res.statusText}`)
    if (res.status === 401 && !path.startsWith('/console/api/session')) onSignedOut()
    throw err
  }
  return json as T
}

export const admin = <T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
  api<T>(method, `/admin/api${path}`, body)
