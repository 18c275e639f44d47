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
      extensionOrigins: ['http://localhost:1337'],
      webflow: { apiUrl: 'https://api.webflow.com', authUrl: 'https://webflow.com' },
    })
    expect(config.encryptionKeys[0]).toHaveLength(32)
  })

  it('names every bad variable at once', () => {
    const found = problems({ ...production, PORT: 'abc', DATABASE_URL: 'not a url', ROLE: 'boss', HOST: '' })
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'PORT', 'ROLE'])
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
