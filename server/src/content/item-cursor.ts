import { z } from 'zod'
import { badRequest } from '../http/app-error'

/** The keyset position after the last item of a page: its exact updated_at (Postgres text) and id. */
export type ItemCursor = { updatedAt: string; id: string }

const CursorJson = z.object({ t: z.string().min(1).max(64), id: z.uuid() })

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
  if (!parsed.success || Number.isNaN(Date.parse(parsed.data.t))) {
    throw badRequest('invalid cursor', [{ path: 'query.cursor', message: 'not a cursor from this API' }])
  }
  return { updatedAt: parsed.data.t, id: parsed.data.id }
}
