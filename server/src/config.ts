import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { isSafeUrl } from '@bindery/shared/safe-url'
import { z } from 'zod'

/**
 * The only module that reads `process.env`. It parses every variable at once and, when any is bad,
 * throws a ConfigError naming all of them.
 */

const url = z.url({ protocol: /^https?$/ })
const secret = (minLength: number) => z.string().min(minLength, `must be at least ${minLength} characters`)
const key32 = z
  .string()
  .refine((v) => decodeKey(v) !== null, 'must be 32 bytes as 64 hex characters or base64')
const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v)
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional())

const EnvSchema = z.object({
  DATABASE_URL: opt(z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(emptyAsUndefined, z.string().min(1).default('127.0.0.1')),
  PUBLIC_URL: opt(url),
  WEBFLOW_CLIENT_ID: opt(z.string().min(1)),
  WEBFLOW_CLIENT_SECRET: opt(z.string().min(1)),
  WEBFLOW_API_URL: z.preprocess(emptyAsUndefined, url.default('https://api.webflow.com')),
  WEBFLOW_AUTH_URL: z.preprocess(emptyAsUndefined, url.default('https://webflow.com')),
  ENCRYPTION_KEY: opt(key32),
  ENCRYPTION_KEY_PREVIOUS: opt(key32),
  SESSION_SECRET: opt(secret(32)),
  EXTENSION_ORIGINS: z.preprocess(emptyAsUndefined, z.string().default('http://localhost:1337')),
  ADMIN_TOKEN: opt(secret(24)),
  ROLE: z.preprocess(emptyAsUndefined, z.enum(['web', 'worker', 'all']).default('all')),
  WORKER_CONCURRENCY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(64).default(8)),
  DATABASE_POOL_MAX: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(2).max(200).default(10)),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('.data')),
  SIM_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(4010)),
  /** `sandbox` forces the simulator even where it would not start on its own (a public demo). */
  BINDERY_MODE: opt(z.enum(['sandbox', 'production'])),
  NODE_ENV: opt(z.string()),
  RECONCILE_INTERVAL_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(15)),
  DELETE_HOLD_PERCENT: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(100).default(10)),
  DELETE_HOLD_ITEMS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(50)),
  DELETE_HOLD_MIN_ITEMS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(5)),
  // Operating it (README "Operating it"): who may scrape /metrics, where alerts go, when they fire.
  METRICS_TOKEN: opt(secret(24)),
  ALERT_WEBHOOK_URL: opt(
    z.string().refine((v) => isSafeUrl(v, 'web'), 'must be an http(s) URL with a host, without spaces'),
  ),
  ALERT_DEAD_LETTERS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(10)),
  ALERT_CIRCUIT_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(10)),
  ALERT_DRIFT_ITEMS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(50)),
})

export type Role = 'web' | 'worker' | 'all'

export type Config = {
  databaseUrl: string | undefined
  port: number
  host: string
  publicUrl: string
  sandbox: boolean
  webflow: { clientId: string; clientSecret: string; apiUrl: string; authUrl: string }
  encryptionKeys: Buffer[]
  sessionSecret: string
  extensionOrigins: string[]
  adminToken: string
  /** True when Bindery generated the admin token (sandbox): only then is it printed. */
  adminTokenGenerated: boolean
  role: Role
  /**
   * Jobs of site work (push, connect, resync, reconcile, site publish) one worker process runs at
   * once per queue; a job waiting long for its token's budget gives its slot back (README "Scheduling").
   */
  workerConcurrency: number
  /**
   * Connections this process's pool opens at most (README "Sizing"); pg-boss keeps a pool of its
   * own beside it, and link locks take connections of their own.
   */
  databasePoolMax: number
  logLevel: string
  dataDir: string
  simPort: number
  reconcileIntervalMinutes: number
  /** When one run's deletes wait for a person: see `sync/mass-delete.ts`. */
  deleteHold: { percent: number; items: number; minItems: number }
  /** A second bearer token for `GET /metrics` (the admin token works too). */
  metricsToken: string | undefined
  /** Where incidents are posted (Slack-compatible) and their thresholds: see `alerts/`. */
  alerts: {
    webhookUrl: string | undefined
    deadLetters: number
    circuitOpenMinutes: number
    driftItems: number
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

/** Parses the environment; in sandbox mode, missing secrets are generated into DATA_DIR. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))
  }
  const e = parsed.data
  const sandbox = e.BINDERY_MODE === 'sandbox' || (!e.BINDERY_MODE && !e.WEBFLOW_CLIENT_ID)
  const problems: string[] = []
  const exposed = sandbox && e.BINDERY_MODE !== 'sandbox' ? publicExposure(e) : []
  if (!sandbox || exposed.length) {
    // Why the secrets are required: a real Webflow app, or an address the sandbox must not serve.
    const why = exposed.length
      ? `required: sandbox mode runs only on this machine, and ${exposed.join(', ')} (set BINDERY_MODE=sandbox for a public demo)`
      : 'required when WEBFLOW_CLIENT_ID is set'
    for (const name of [
      'WEBFLOW_CLIENT_ID',
      'WEBFLOW_CLIENT_SECRET',
      'ENCRYPTION_KEY',
      'SESSION_SECRET',
      'ADMIN_TOKEN',
    ] as const) {
      if (!e[name]) problems.push(`${name}: ${why}`)
    }
  }
  if (problems.length) throw new ConfigError(problems)

  const dataDir = path.resolve(e.DATA_DIR)
  const generated = sandbox ? sandboxSecrets(dataDir) : undefined
  const encryptionKey = e.ENCRYPTION_KEY ?? generated!.encryptionKey
  return {
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    sandbox,
    webflow: {
      clientId: e.WEBFLOW_CLIENT_ID ?? '',
      clientSecret: e.WEBFLOW_CLIENT_SECRET ?? '',
      apiUrl: e.WEBFLOW_API_URL.replace(/\/$/, ''),
      authUrl: e.WEBFLOW_AUTH_URL.replace(/\/$/, ''),
    },
    encryptionKeys: [encryptionKey, e.ENCRYPTION_KEY_PREVIOUS]
      .filter((k): k is string => !!k)
      .map((k) => decodeKey(k)!),
    sessionSecret: e.SESSION_SECRET ?? generated!.sessionSecret,
    extensionOrigins: e.EXTENSION_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    adminToken: e.ADMIN_TOKEN ?? generated!.adminToken,
    adminTokenGenerated: !e.ADMIN_TOKEN,
    role: e.ROLE,
    workerConcurrency: e.WORKER_CONCURRENCY,
    databasePoolMax: e.DATABASE_POOL_MAX,
    logLevel: e.LOG_LEVEL,
    dataDir,
    simPort: e.SIM_PORT,
    reconcileIntervalMinutes: e.RECONCILE_INTERVAL_MINUTES,
    deleteHold: {
      percent: e.DELETE_HOLD_PERCENT,
      items: e.DELETE_HOLD_ITEMS,
      minItems: e.DELETE_HOLD_MIN_ITEMS,
    },
    metricsToken: e.METRICS_TOKEN,
    alerts: {
      webhookUrl: e.ALERT_WEBHOOK_URL,
      deadLetters: e.ALERT_DEAD_LETTERS,
      circuitOpenMinutes: e.ALERT_CIRCUIT_MINUTES,
      driftItems: e.ALERT_DRIFT_ITEMS,
    },
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '[::1]'])

/** What makes an unconfigured (sandbox) start unsafe: it would answer beyond this machine. */
function publicExposure(e: z.infer<typeof EnvSchema>): string[] {
  const found: string[] = []
  if (!LOOPBACK.has(e.HOST) && !e.HOST.startsWith('127.')) found.push(`HOST=${e.HOST} is not loopback`)
  if (e.PUBLIC_URL && !LOOPBACK.has(new URL(e.PUBLIC_URL).hostname)) {
    found.push(`PUBLIC_URL=${e.PUBLIC_URL} is not localhost`)
  }
  if (e.NODE_ENV === 'production') found.push('NODE_ENV=production')
  return found
}

function decodeKey(value: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex')
  const b = Buffer.from(value, 'base64')
  return b.length === 32 ? b : null
}

type SandboxSecrets = { encryptionKey: string; sessionSecret: string; adminToken: string }

/** Sandbox secrets persist in DATA_DIR so sessions and encrypted tokens survive a restart. */
function sandboxSecrets(dataDir: string): SandboxSecrets {
  const file = path.join(dataDir, 'sandbox-secrets.json')
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SandboxSecrets
  const secrets: SandboxSecrets = {
    encryptionKey: randomBytes(32).toString('hex'),
    sessionSecret: randomBytes(32).toString('hex'),
    adminToken: randomBytes(24).toString('hex'),
  }
  try {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new ConfigError([
      `DATA_DIR: ${dataDir} cannot be written (${code}); make it writable for this user or point DATA_DIR at a directory that is`,
    ])
  }
  return secrets
}

/** Test and tool code reads the few variables it needs through here, never from process.env. */
export function readEnv(
  name:
    | 'DATABASE_URL'
    | 'CI'
    | 'CHROMIUM_PATH'
    | 'BENCH_QUICK'
    | 'BENCH_WORKER_ARGS'
    | 'BINDERY_URL'
    | 'ADMIN_TOKEN'
    | 'ADMIN_TOKEN_FILE'
    | 'DATA_DIR'
    | 'CHAOS_SEED',
): string | undefined {
  const v = process.env[name]
  return v === '' ? undefined : v
}
