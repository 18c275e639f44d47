import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createSimulator } from '@bindery/sim/create-simulator'
import { DEMO, seedDemo } from '@bindery/sim/demo-seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitForStatus } from './helpers/server-process'
import { createTestDatabase } from './helpers/test-database'
import { browse, CLIENT_ID, CLIENT_SECRET } from './install/install-world'

const ROOT = path.resolve(import.meta.dirname, '../..')
const WORKSPACES = ['shared', 'sim', 'server', 'extension', 'console']

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })

/**
 * What the Dockerfile's runtime stage holds, made the same way: the package files, a production
 * install (`npm ci --omit=dev`: no tsx, no compiler, no simulator sources) and the build output.
 */
function productionCopy(): string {
  const dest = mkdtempSync(path.join(os.tmpdir(), 'bindery-prod-'))
  mkdirSync(path.join(dest, 'scripts'))
  for (const dir of ['.', ...WORKSPACES]) {
    mkdirSync(path.join(dest, dir), { recursive: true })
    cpSync(path.join(ROOT, dir, 'package.json'), path.join(dest, dir, 'package.json'))
  }
  for (const file of ['package-lock.json', 'scripts/start.mjs'])
    cpSync(path.join(ROOT, file), path.join(dest, file))
  execFileSync(
    'npm',
    ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
    {
      cwd: dest,
      stdio: 'pipe',
    },
  )
  execFileSync(process.execPath, ['scripts/build-server.mjs', dest], { cwd: ROOT, stdio: 'pipe' })
  return dest
}

/**
 * `npm run <script>` in the copy, with NODE_ENV=production and exactly `env`, in a process group of
 * its own: `stop` signals the whole group, since npm does not pass a signal on to the server it ran.
 */
function startProd(dest: string, env: Record<string, string>, script = 'start:prod') {
  const child = spawn('npm', ['run', '--silent', script], {
    cwd: dest,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let out = ''
  child.stdout.on('data', (d) => {
    out += d
  })
  child.stderr.on('data', (d) => {
    out += d
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM')
    await exited
  }
  return { exited, stop, output: () => out }
}

describe('production build', async () => {
  // Empty, not the migrated template: the built server must find and apply server/migrations itself.
  const database = await createTestDatabase({ empty: true })
  let dest = ''
  beforeAll(() => {
    dest = productionCopy()
  }, 120_000)
  afterAll(() => {
    if (dest) rmSync(dest, { recursive: true, force: true })
  })

  it('is a production install: no tsx, no compiler, no simulator', () => {
    for (const dev of ['tsx', 'typescript', 'esbuild', 'vitest']) {
      expect(existsSync(path.join(dest, 'node_modules', dev)), dev).toBe(false)
    }
    expect(existsSync(path.join(dest, 'sim/src'))).toBe(false)
    expect(existsSync(path.join(dest, 'server/dist/server.js'))).toBe(true)
  })

  it('holds no sandbox but its seam, and nothing that imports the simulator', () => {
    const dist = path.join(dest, 'server/dist')
    const built = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))
    expect(built.filter((f) => f.startsWith(`sandbox${path.sep}`))).toEqual([
      path.join('sandbox', 'load-sandbox.js'),
    ])
    for (const file of built)
      expect(readFileSync(path.join(dist, file), 'utf8'), file).not.toContain('@bindery/sim')
  })

  it('starts on plain node, installs through OAuth and pushes an item to Webflow', async () => {
    const port = await freePort()
    const publicUrl = `http://127.0.0.1:${port}`
    const sim = await createSimulator({
      port: 0,
      rateLimit: 'off',
      app: {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUris: [`${publicUrl}/oauth/callback`],
      },
    })
    seedDemo(sim)
    const adminToken = randomBytes(16).toString('hex')
    const server = startProd(dest, {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: publicUrl,
      DATABASE_URL: database.url,
      DATA_DIR: path.join(dest, '.data'),
      WEBFLOW_CLIENT_ID: CLIENT_ID,
      WEBFLOW_CLIENT_SECRET: CLIENT_SECRET,
      WEBFLOW_API_URL: sim.url,
      WEBFLOW_AUTH_URL: sim.url,
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      SESSION_SECRET: randomBytes(24).toString('hex'),
      ADMIN_TOKEN: adminToken,
    })
    try {
      await waitForStatus(`${publicUrl}/readyz`, 200, 30_000).catch((err) => {
        throw new Error(`${(err as Error).message}\n${server.output()}`)
      })

      const installed = await browse(`${publicUrl}/oauth/install`)
      expect(installed.status, installed.body).toBe(200)
      expect(installed.body).toContain('data-bindery-installed')

      const admin = async (method: string, url: string, body?: unknown, auth = `Bearer ${adminToken}`) => {
        const res = await fetch(`${publicUrl}${url}`, {
          method,
          headers: { authorization: auth, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        })
        return { status: res.status, body: (await res.json()) as Record<string, unknown> }
      }
      const link = await admin('POST', `/admin/api/sites/${DEMO.siteId}/links`, {
        mode: 'import',
        webflowCollectionId: DEMO.authorsCollectionId,
        fields: ['bio'],
      })
      expect(link.status, JSON.stringify(link.body)).toBe(201)
      const linkUrl = `/admin/api/sites/${DEMO.siteId}/links/${link.body.id}`
      await expect
        .poll(async () => (await admin('GET', linkUrl)).body.state, { timeout: 20_000 })
        .toBe('live')

      const key = await admin('POST', `/admin/api/sites/${DEMO.siteId}/api-keys`, { name: 'smoke' })
      expect(key.status).toBe(201)
      const created = await admin(
        'POST',
        `/api/v1/collections/${link.body.hubCollectionId}/items`,
        {
          slug: 'built-with-node',
          name: 'Built with node',
          status: 'published',
          fields: { bio: 'No tsx here.' },
        },
        `Bearer ${key.body.key}`,
      )
      expect(created.status, JSON.stringify(created.body)).toBe(201)

      // What Webflow shows: the item, through the simulator's Data API.
      const { token } = (await (
        await fetch(`${sim.url}/_sim/site-tokens`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ siteId: DEMO.siteId }),
        })
      ).json()) as { token: string }
      const webflowNames = async () => {
        const res = await fetch(`${sim.url}/v2/collections/${DEMO.authorsCollectionId}/items`, {
          headers: { authorization: `Bearer ${token}` },
        })
        const { items } = (await res.json()) as { items: { fieldData: { name: string; bio?: string } }[] }
        return items.map((i) => i.fieldData)
      }
      await expect
        .poll(webflowNames, { timeout: 20_000 })
        .toContainEqual(expect.objectContaining({ name: 'Built with node', bio: 'No tsx here.' }))
    } finally {
      await server.stop()
      await sim.close()
    }
  }, 90_000)

  it('refuses sandbox mode, which needs the simulator of a development install', async () => {
    const env = {
      PORT: String(await freePort()),
      DATABASE_URL: database.url,
      DATA_DIR: path.join(dest, '.sb'),
    }
    // NODE_ENV=production without a Webflow app: the configuration asks for one.
    const unset = startProd(dest, env, 'start')
    expect(await unset.exited).toBe(1)
    expect(unset.output()).toMatch(/WEBFLOW_CLIENT_ID: required/)
    // Sandbox asked for (a public demo): the build has no simulator to run, and says so.
    const forced = startProd(dest, { ...env, BINDERY_MODE: 'sandbox' })
    expect(await forced.exited).toBe(1)
    expect(forced.output()).toContain('the Webflow simulator cannot be loaded')
    expect(forced.output()).toContain('Sandbox mode needs the development install')
    for (const run of [unset, forced]) expect(run.output()).not.toContain('    at ')
  }, 30_000)
})

// The Dockerfile's commands are these same scripts: keep them from drifting apart.
describe('Dockerfile', () => {
  it('runs the build, a production install and start:prod', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')
    const scripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts
    expect(dockerfile).toContain('RUN npm run build')
    expect(dockerfile).toContain('npm ci --omit=dev')
    expect(dockerfile).toContain(JSON.stringify(scripts['start:prod'].split(' ')).replaceAll(',', ', '))
  })

  it('gives the image and compose.yaml the same heap cap', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')
    const compose = readFileSync(path.join(ROOT, 'compose.yaml'), 'utf8')
    const cap = /^ENV NODE_OPTIONS=(--max-old-space-size=\d+)$/m.exec(dockerfile)?.[1]
    expect(cap).toBeDefined()
    expect(compose).toContain(`NODE_OPTIONS: \${NODE_OPTIONS:-${cap}}`)
  })
})
