import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config'

const production = {
  WEBFLOW_CLIENT_ID: 'client',
  WEBFLOW_CLIENT_SECRET: 'secret',
  ENCRYPTION_KEY: 'ab'.repeat(32),
  SESSION_SECRET: 'x'.repeat(32),
  ADMIN_TOKEN: 'y'.repeat(24),
}

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env)
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
  return []
}

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(production)
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:3000',
      sandbox: false,
      role: 'all',
      databasePoolMax: 10,
      extensionOrigins: ['http://localhost:1337'],
      webflow: { apiUrl: 'https://api.webflow.com', authUrl: 'https://webflow.com' },
    })
    expect(config.encryptionKeys[0]).toHaveLength(32)
  })

  it('names every bad variable at once', () => {
    const found = problems({
      ...production,
      PORT: 'abc',
      DATABASE_URL: 'not a url',
      ROLE: 'boss',
      HOST: '',
      DATABASE_POOL_MAX: '1',
    })
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual([
      'DATABASE_POOL_MAX',
      'DATABASE_URL',
      'PORT',
      'ROLE',
    ])
  })

  it('requires the secrets once a real Webflow app is configured', () => {
    const found = problems({ WEBFLOW_CLIENT_ID: 'client' })
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual([
      'ADMIN_TOKEN',
      'ENCRYPTION_KEY',
      'SESSION_SECRET',
      'WEBFLOW_CLIENT_SECRET',
    ])
  })

  it('runs the sandbox with no configuration on this machine, and generates (and may print) its admin token', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bindery-config-'))
    const config = loadConfig({ DATA_DIR: dataDir })
    expect(config).toMatchObject({ sandbox: true, adminTokenGenerated: true, host: '127.0.0.1' })
    expect(loadConfig({ DATA_DIR: dataDir, ADMIN_TOKEN: 'z'.repeat(24) }).adminTokenGenerated).toBe(false)
  })

  it('refuses the sandbox where it would be public, naming what is missing, unless BINDERY_MODE=sandbox', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bindery-config-'))
    for (const [env, reason] of [
      [{ HOST: '0.0.0.0' }, /HOST=0\.0\.0\.0 is not loopback/],
      [
        { PUBLIC_URL: 'https://bindery.example.com' },
        /PUBLIC_URL=https:\/\/bindery\.example\.com is not localhost/,
      ],
      [{ NODE_ENV: 'production' }, /NODE_ENV=production/],
    ] as const) {
      const found = problems({ DATA_DIR: dataDir, ...env })
      expect(found.map((p) => p.split(':')[0]).sort()).toEqual([
        'ADMIN_TOKEN',
        'ENCRYPTION_KEY',
        'SESSION_SECRET',
        'WEBFLOW_CLIENT_ID',
        'WEBFLOW_CLIENT_SECRET',
      ])
      expect(found[0]).toMatch(reason)
      expect(found[0]).toMatch(/BINDERY_MODE=sandbox/)
      expect(loadConfig({ DATA_DIR: dataDir, BINDERY_MODE: 'sandbox', ...env }).sandbox).toBe(true)
    }
    expect(loadConfig({ DATA_DIR: dataDir, HOST: '::1', PUBLIC_URL: 'http://127.0.0.1:3000' }).sandbox).toBe(
      true,
    )
  })

  it('rejects an encryption key that is not 32 bytes', () => {
    expect(problems({ ...production, ENCRYPTION_KEY: 'short' })).toEqual([
      'ENCRYPTION_KEY: must be 32 bytes as 64 hex characters or base64',
    ])
  })

  it('splits the extension origins allow-list', () => {
    const config = loadConfig({
      ...production,
      EXTENSION_ORIGINS: 'https://a.webflow-ext.com, http://localhost:1337',
    })
    expect(config.extensionOrigins).toEqual(['https://a.webflow-ext.com', 'http://localhost:1337'])
  })
})
