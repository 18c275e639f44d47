import { ErrorEnvelope } from '@bindery/shared/errors'
import { CliError } from './cli-error'

export type AdminClient = <T>(method: 'GET' | 'POST', path: string, body?: unknown) => Promise<T>

/** JSON over HTTP to a running Bindery's admin API; error envelopes become one-line CliErrors. */
export function adminClient(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch): AdminClient {
  return async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    let res: Response
    try {
      res = await fetchImpl(`${baseUrl.replace(/\/$/, '')}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      })
    } catch (err) {
      throw new CliError(`cannot reach Bindery at ${baseUrl}: ${(err as Error).message}`, 1)
    }
    const text = await res.text()
    const json = text ? safeJson(text) : null
    if (!res.ok) {
      const envelope = ErrorEnvelope.safeParse(json)
      const reason = envelope.success ? `${envelope.data.error.code}: ${envelope.data.error.message}` : text
      throw new CliError(`${method} ${path} failed (${res.status}) ${reason}`, 1)
    }
    return json as T
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
