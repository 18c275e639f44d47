import { createCipheriv, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { signSession, verifySession } from '../../src/crypto/session-token'
import { keyId, TokenCipher } from '../../src/crypto/token-cipher'

describe('token cipher', () => {
  const oldKey = randomBytes(32)
  const newKey = randomBytes(32)
  const ctx = 'installation-token:a'

  it('round-trips with a random IV and names its key', () => {
    const c = new TokenCipher([newKey])
    const a = c.encrypt('secret-token', ctx)
    const b = c.encrypt('secret-token', ctx)
    expect(a).not.toBe(b)
    expect(a.split('.')[1]).toBe(keyId(newKey))
    expect(a).not.toContain('secret-token')
    expect(c.decrypt(a, ctx)).toBe('secret-token')
    expect(a.startsWith('v2.')).toBe(true)
  })

  it('detects tampering', () => {
    const c = new TokenCipher([newKey])
    const parts = c.encrypt('secret-token', ctx).split('.')
    const ct = Buffer.from(parts[4]!, 'base64url')
    ct[0]! ^= 1
    parts[4] = ct.toString('base64url')
    expect(() => c.decrypt(parts.join('.'), ctx)).toThrow()
  })

  it('decrypts with the previous key during rotation and reports it stale', () => {
    const stored = new TokenCipher([oldKey]).encrypt('secret-token', ctx)
    const rotated = new TokenCipher([newKey, oldKey])
    expect(rotated.decrypt(stored, ctx)).toBe('secret-token')
    expect(rotated.isStale(stored)).toBe(true)
    expect(() => new TokenCipher([newKey]).decrypt(stored, ctx)).toThrow(/no encryption key/)
  })

  it('binds the context: a ciphertext copied to another installation does not decrypt', () => {
    const c = new TokenCipher([newKey])
    const stored = c.encrypt('secret-token', 'installation-token:a')
    expect(() => c.decrypt(stored, 'installation-token:b')).toThrow()
  })

  it('refuses a truncated tag (GCM would accept 4 bytes unless told 16)', () => {
    const c = new TokenCipher([newKey])
    const parts = c.encrypt('secret-token', ctx).split('.')
    parts[3] = Buffer.from(parts[3]!, 'base64url').subarray(0, 4).toString('base64url')
    expect(() => c.decrypt(parts.join('.'), ctx)).toThrow(/malformed/)
  })

  it('still decrypts values stored before contexts (v1), and reports them stale', () => {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', newKey, iv)
    const ct = Buffer.concat([cipher.update('legacy-token', 'utf8'), cipher.final()])
    const v1 = ['v1', keyId(newKey), iv, cipher.getAuthTag(), ct]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.')
    const c = new TokenCipher([newKey])
    expect(c.decrypt(v1, ctx)).toBe('legacy-token')
    expect(c.isStale(v1)).toBe(true)
    expect(c.isStale(c.encrypt('legacy-token', ctx))).toBe(false)
  })
})

describe('session token', () => {
  const secret = 's'.repeat(40)
  const who = {
    userId: 'u1',
    siteId: 'site-a',
    email: 'a@b.c',
    name: 'A B',
    role: 'editor',
    epoch: 0,
  } as const

  it('verifies its own tokens and carries the claims', async () => {
    const { token } = await signSession(secret, who)
    const checked = await verifySession(secret, token)
    expect(checked).toMatchObject({ ok: true, claims: { sub: 'u1', siteId: 'site-a', email: 'a@b.c' } })
  })

  it('fails clearly: malformed, bad signature, expired, alg none', async () => {
    expect(await verifySession(secret, 'abc')).toEqual({ ok: false, reason: 'malformed' })
    expect(await verifySession(secret, (await signSession('t'.repeat(40), who)).token)).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
    const { token } = await signSession(secret, who, Date.now() - 30 * 60_000 - 1)
    expect(await verifySession(secret, token)).toEqual({ ok: false, reason: 'expired' })
    // An unsigned token with the same claims is refused, whatever its header says.
    const [, body] = (await signSession(secret, who)).token.split('.')
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${body}.`
    expect((await verifySession(secret, none)).ok).toBe(false)
  })
})
