import type { FastifyRequest } from 'fastify'
import { findApiKeyByHash, touchApiKey } from '../db/api-keys'
import type { Db } from '../db/pool'
import { AppError } from '../vocabulary/app-error'
import { hashApiKey, looksLikeApiKey } from './api-keys'

declare module 'fastify' {
  interface FastifyRequest {
    /** The site the request's API key belongs to; set by the content API's auth hook. */
    contentSiteId?: string
    /** The id of the request's API key (its rate limit is per key). */
    contentKeyId?: string
    /** The key's name: who the audit log says made the change. */
    contentKeyName?: string
  }
}

const unauthorized = (message: string) => new AppError(401, 'unauthorized', message)

/**
 * An `onRequest` hook for the content API: `Authorization: Bearer bdy_…`, looked up by its SHA-256.
 * The lookup is by hash through a unique index, so timing says nothing about the key itself.
 */
export function apiKeyAuth(db: Db) {
  return async (req: FastifyRequest) => {
    const header = req.headers.authorization
    if (!header) throw unauthorized('missing API key: send Authorization: Bearer <key>')
    const [scheme, key] = header.split(' ')
    if (scheme?.toLowerCase() !== 'bearer' || !key || !looksLikeApiKey(key)) {
      throw unauthorized('invalid API key')
    }
    const found = await findApiKeyByHash(db, hashApiKey(key))
    if (!found) throw unauthorized('invalid API key')
    if (found.revokedAt) throw unauthorized('this API key was revoked')
    if (found.expiresAt && found.expiresAt.getTime() <= Date.now()) throw unauthorized('this API key expired')
    if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > 60_000) await touchApiKey(db, found.id)
    req.contentSiteId = found.siteId
    req.contentKeyId = found.id
    req.contentKeyName = found.name
  }
}

/** The authenticated site of a content-API request (the hook ran, or this is a bug). */
export function siteOf(req: FastifyRequest): string {
  if (!req.contentSiteId) throw new Error('content route without API key auth')
  return req.contentSiteId
}
