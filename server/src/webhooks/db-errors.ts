/** Postgres is unreachable or refusing work: the sender should retry later (503), not give up. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null
  const code = typeof e?.code === 'string' ? e.code : ''
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE'].includes(code))
    return true
  // 08: connection exception; 57P01-03: shutdown / cannot connect now; 53300: too many connections.
  if (/^08/.test(code) || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true
  const message = typeof e?.message === 'string' ? e.message : ''
  return /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED/i.test(message)
}

/** A value Postgres rejected as data (class 22, e.g. `\u0000` in jsonb): bad input, a 400. */
export function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^22/.test(code)
}
