import { createHash, randomInt } from 'node:crypto'
import type { ApiKeyCreated, ApiKeyInfo } from '@bindery/shared/api/content'
import { type ApiKeyRow, getApiKey, insertApiKey, listApiKeysOfSite, revokeApiKeyRow } from '../db/api-keys'
import { appendAudit } from '../db/audit-log'
import { type Db, inTransaction, type Queryable } from '../db/pool'
import { badRequest } from '../vocabulary/app-error'

/**
 * Per-site content-API keys: `bdy_` + 32 base62 characters (~190 bits). Only the SHA-256 of a key
 * is stored; a fast hash is right here because the key is random, not a password.
 */

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const KEY_PATTERN = /^bdy_[0-9A-Za-z]{32}$/
/** `bdy_` and 8 characters: enough to tell keys apart in a list, far too little to guess one. */
const PREFIX_LENGTH = 12

export function generateApiKey(): string {
  // randomInt is uniform (rejection sampling), unlike a byte taken modulo 62.
  let body = ''
  for (let i = 0; i < 32; i++) body += ALPHABET[randomInt(ALPHABET.length)]
  return `bdy_${body}`
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex')
}

export function looksLikeApiKey(key: string): boolean {
  return KEY_PATTERN.test(key)
}

export function toApiKeyInfo(k: ApiKeyRow): ApiKeyInfo {
  return {
    id: k.id,
    siteId: k.siteId,
    name: k.name,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
    createdBy: k.createdBy,
    expiresAt: k.expiresAt?.toISOString() ?? null,
  }
}

/**
 * Mints a key for a site, recorded with who asked (`by`: "user:<id>" or "admin") in the key and in
 * the audit log. The returned `key` is the only time it is ever visible.
 */
export async function createApiKey(
  db: Db,
  siteId: string,
  req: { name: string; expiresAt?: string },
  by: string,
): Promise<ApiKeyCreated> {
  const expiresAt = req.expiresAt ? new Date(req.expiresAt) : null
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw badRequest('expiresAt must be in the future', [{ path: 'body.expiresAt', message: 'in the past' }])
  }
  const key = generateApiKey()
  const row = await inTransaction(db, async (tx) => {
    const row = await insertApiKey(tx, {
      siteId,
      name: req.name,
      prefix: key.slice(0, PREFIX_LENGTH),
      keyHash: hashApiKey(key),
      createdBy: by,
      expiresAt,
    })
    await auditKey(tx, 'api_key.created', row, by)
    return row
  })
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    key,
    createdAt: row.createdAt.toISOString(),
    createdBy: by,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  }
}

/** An audit entry about a key: never the key or its hash, only what identifies it. */
export async function auditKey(db: Queryable, action: string, k: ApiKeyRow, by: string) {
  await appendAudit(db, [
    {
      direction: 'admin',
      action,
      siteId: k.siteId,
      subjectType: 'api_key',
      subjectId: k.id,
      after: { name: k.name, prefix: k.prefix, by, expiresAt: k.expiresAt?.toISOString() ?? null },
    },
  ])
}

/** Every key of a site, revoked ones included (with `revokedAt`), never the key or its hash. */
export async function listApiKeys(db: Queryable, siteId: string): Promise<ApiKeyInfo[]> {
  return (await listApiKeysOfSite(db, siteId)).map(toApiKeyInfo)
}

/**
 * Revokes a key at once (the next request with it answers 401). Undefined when no such key.
 * The panel passes `siteId` so a session can only revoke its own site's keys.
 */
export async function revokeApiKey(
  db: Queryable,
  id: string,
  by: string,
  siteId?: string,
): Promise<ApiKeyInfo | undefined> {
  if (siteId !== undefined && (await getApiKey(db, id))?.siteId !== siteId) return undefined
  const row = await revokeApiKeyRow(db, id)
  if (row) await auditKey(db, 'api_key.revoked', row, by)
  return row && toApiKeyInfo(row)
}
