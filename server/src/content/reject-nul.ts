import type { FastifyRequest } from 'fastify'
import { badRequest } from '../vocabulary/app-error'

/**
 * A `preValidation` hook: Postgres stores no NUL character (in text or jsonb), so a string holding
 * one would fail deep in a write as a 500. It is bad input; say so up front, with where it is.
 */
export async function rejectNulCharacters(req: FastifyRequest) {
  const path = findNul(req.body, 'body')
  if (path) throw badRequest('text must not contain NUL characters', [{ path, message: 'contains \\u0000' }])
}

function findNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findNul(v, `${path}[${i}]`)
      if (found) return found
    }
    return undefined
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = k.includes('\u0000') ? `${path}.${k}` : findNul(v, `${path}.${k}`)
      if (found) return found
    }
  }
  return undefined
}
