import { ErrorEnvelope } from '@bindery/shared/errors'
import type { z } from 'zod'

declare global {
  interface Window {
    /** Set by a host page (the playground) to point the panel at another backend. */
    __BINDERY_API_URL__?: string
  }
}

/** The backend: the host page's override, else the build-time `VITE_BINDERY_API_URL`. */
export function apiBaseUrl(): string {
  const url =
    (typeof window !== 'undefined' && window.__BINDERY_API_URL__) ||
    import.meta.env.VITE_BINDERY_API_URL ||
    'http://localhost:3000'
  return url.replace(/\/$/, '')
}

/** An answer in Bindery's error envelope (or a network failure, with code `network_error`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole `error` object: some codes carry more (e.g. `installUrl` with `not_installed`). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export type TokenSource = {
  /** The current session token, if any. */
  token: () => string | null
  /** Asks for a new session; resolves to the new token. */
  renew: () => Promise<string>
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

/** The extension's one HTTP client: JSON, the session bearer token, the error envelope, one renewal on 401. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly tokens: TokenSource | null = null,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  withTokens(tokens: TokenSource): ApiClient {
    return new ApiClient(this.baseUrl, tokens, this.fetchImpl)
  }

  get<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
    return this.request('GET', path, schema)
  }
  post<S extends z.ZodType>(path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
    return this.request('POST', path, schema, body)
  }
  patch<S extends z.ZodType>(path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
    return this.request('PATCH', path, schema, body)
  }
  async delete(path: string): Promise<void> {
    await this.request('DELETE', path, null)
  }

  /** The current session token (for the one route that takes it as a query param: SSE). */
  sessionToken(): string | null {
    return this.tokens?.token() ?? null
  }

  private async request<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S | null,
    body?: unknown,
  ): Promise<z.infer<S>> {
    let res = await this.send(method, path, body, this.tokens?.token() ?? null)
    if (res.status === 401 && this.tokens) {
      res = await this.send(method, path, body, await this.tokens.renew())
    }
    if (!res.ok) throw await errorFrom(res)
    if (!schema || res.status === 204) return undefined as z.infer<S>
    const parsed = schema.safeParse(await res.json().catch(() => undefined))
    if (!parsed.success) {
      throw new ApiError(
        res.status,
        'bad_response',
        'The server answered with something the panel does not understand',
      )
    }
    return parsed.data
  }

  private async send(method: Method, path: string, body: unknown, token: string | null): Promise<Response> {
    const headers: Record<string, string> = {}
    if (token) headers.authorization = `Bearer ${token}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    try {
      return await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch {
      throw new ApiError(0, 'network_error', `Bindery's server at ${this.baseUrl} cannot be reached`)
    }
  }
}

async function errorFrom(res: Response): Promise<ApiError> {
  const json = await res.json().catch(() => undefined)
  const envelope = ErrorEnvelope.safeParse(json)
  if (envelope.success) {
    const { code, message } = envelope.data.error
    return new ApiError(res.status, code, message, envelope.data.error)
  }
  return new ApiError(res.status, 'http_error', `The server answered HTTP ${res.status}`)
}
