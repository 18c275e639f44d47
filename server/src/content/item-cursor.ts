import { z } from 'zod'
import { badRequest } from '../vocabulary/app-error'

/** The keyset position after the last item of a page: its exact updated_at (Postgres text) and id. */
export type ItemCursor = { updatedAt: string; id: string }

// Exactly what Postgres prints for a timestamptz: a tampered cursor fails here, not in the query.
const PG_TIMESTAMPTZ =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/
const CursorJson = z.object({ t: z.string().regex(PG_TIMESTAMPTZ), id: z.uuid() })

/** Opaque to clients: base64url JSON, so its shape can change without breaking anyone. */
export function encodeItemCursor(c: ItemCursor): string {
  return Buffer.from(JSON.stringify({ t: c.updatedAt, id: c.id })).toString('base64url')
}

export function decodeItemCursor(cursor: string): ItemCursor {
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw badRequest('invalid cursor', [{ path: 'query.cursor', message: 'not a cursor from this API' }])
  }
  const parsed = CursorJson.safeParse(json)
  if (!parsed.success) {
    throw badRequest('invalid cursor', [{ path: 'query.cursor', message: 'not a cursor from this API' }])
  }
  return { updatedAt: parsed.data.t, id: parsed.data.id }
}
