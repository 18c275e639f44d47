import { badRequest } from '../vocabulary/app-error'

/**
 * The version a write expects, from the body's `version` or an `If-Match: "<n>"` header (weak
 * `W/"<n>"` and a bare number too; `*` means any). Given both, they must agree.
 */
export function expectedVersion(
  bodyVersion: number | undefined,
  ifMatch: string | undefined,
): number | undefined {
  const header = ifMatch?.trim()
  let fromHeader: number | undefined
  if (header && header !== '*') {
    const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header)
    if (!m)
      throw badRequest('If-Match must be an ETag of this API, e.g. "3"', [
        { path: 'headers.if-match', message: 'not a version' },
      ])
    fromHeader = Number(m[1])
  }
  if (bodyVersion !== undefined && fromHeader !== undefined && bodyVersion !== fromHeader) {
    throw badRequest('version and If-Match disagree', [
      { path: 'body.version', message: 'differs from If-Match' },
    ])
  }
  return bodyVersion ?? fromHeader
}

export const etagOf = (version: number) => `"${version}"`
