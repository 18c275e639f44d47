import { execFile } from 'node:child_process'
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli'
import { DEMO, linkedCollection, startSyncWorld } from './reliability-world'

const run = promisify(execFile)

describe('the support CLI against a running Bindery', async () => {
  const world = await startSyncWorld()
  const linked = await linkedCollection(world, 'tools')
  await world.settle()
  const dir = mkdtempSync(path.join(tmpdir(), 'bindery-cli-'))
  const tokenFile = path.join(dir, 'admin-token')
  writeFileSync(tokenFile, `${world.ctx.config.adminToken}\n`, { mode: 0o600 })
  const auth = ['--url', world.publicUrl, '--token-file', tokenFile]
  /** Runs a command in-process; between polls (resync) the world's jobs run, since no worker does here. */
  const cli = async (...argv: string[]) => {
    const out: string[] = []
    const err: string[] = []
    const code = await runCli([...argv, ...auth], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      sleep: () => world.settle(),
    })
    return { code, out: out.join('\n'), err: err.join('\n') }
  }

  it('shows sites, links with their counts, and the dead letters', async () => {
    const table = await cli('status')
    expect(table.code).toBe(0)
    expect(table.out).toContain(`Demo Site (${DEMO.siteId})`)
    expect(table.out).toMatch(new RegExp(`${linked.linkId}.*live\\s+3/3\\s+3\\s+0\\s+0\\s+0`))
    expect(table.out).toContain('dead letters: 0')
    const json = await cli('status', '--site', DEMO.siteId, '--json')
    expect(JSON.parse(json.out)).toMatchObject({
      sites: [
        { id: DEMO.siteId, paused: false, breaker: { state: 'closed' }, links: [{ id: linked.linkId }] },
      ],
      deadLetters: 0,
    })
  })

  it('pauses and resumes a site', async () => {
    const paused = await cli('pause', '--site', DEMO.siteId)
    expect(paused).toMatchObject({ code: 0, out: expect.stringContaining('paused') })
    expect((await cli('status')).out).toContain('PAUSED')
    const resumed = await cli('resume', '--site', DEMO.siteId)
    expect(resumed.out).toContain('resumed: 0 held jobs released, 1 pushes queued')
    expect((await cli('status')).out).not.toContain('PAUSED')
  })

  it('lists dead letters and replays them', async () => {
    await world.settle()
    await world.ctx.boss.send(
      'link-push',
      { linkId: linked.linkId },
      { singletonKey: linked.linkId, retryLimit: 0 },
    )
    const [job] = await world.ctx.boss.fetch('link-push')
    await world.ctx.boss.fail('link-push', job!.id, { message: 'Webflow was down' })
    const list = await cli('dead-letters')
    expect(list.out).toMatch(/link-push\s+\S+\s+1\s+Webflow was down/)
    const json = JSON.parse((await cli('dead-letters', '--json')).out)
    expect(json.total).toBe(1)
    expect((await cli('replay', '--all')).out).toBe('replayed 1')
    expect((await cli('dead-letters')).out).toBe('no dead letters')
    expect((await cli('replay', json.items[0].id)).code).toBe(1)
  })

  it('resyncs a collection and shows its progress until it is done', async () => {
    const res = await cli('resync', '--site', DEMO.siteId, '--collection', linked.collectionId, '--full')
    expect(res.err).toBe('')
    expect(res.code).toBe(0)
    expect(res.out).toContain(`${linked.linkId}  syncing`)
    expect(res.out).toMatch(new RegExp(`${linked.linkId}\\s+\\S+\\s+\\S+\\s+two-way\\s+live`))
  })

  it('says what went wrong, with a non-zero exit code', async () => {
    expect(await cli('frobnicate')).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown command'),
    })
    expect(await cli('pause')).toMatchObject({ code: 2, err: 'error: --site is required' })
    expect(await cli('status', '--frobnicate')).toMatchObject({
      code: 2,
      err: 'error: unknown option --frobnicate (npm run cli -- --help lists them)',
    })
    expect(await cli('pause', '--site')).toMatchObject({ code: 2, err: 'error: --site needs a value' })
    expect(await cli('resync', '--site', DEMO.siteId, '--collection', 'nope')).toMatchObject({ code: 1 })
    const errors: string[] = []
    const wrong = await runCli(['status', '--url', world.publicUrl, '--token', 'x'.repeat(32)], {
      out: () => {},
      err: (l) => errors.push(l),
    })
    expect(wrong).toBe(1)
    expect(errors[0]).toMatch(/warning: --token exposes the admin token/)
    expect(errors[1]).toContain('(401) unauthorized')
  })

  it('refuses a token file others can read', async () => {
    const loose = path.join(dir, 'loose-token')
    writeFileSync(loose, world.ctx.config.adminToken, { mode: 0o644 })
    chmodSync(loose, 0o644)
    const errors: string[] = []
    const code = await runCli(['status', '--url', world.publicUrl, '--token-file', loose], {
      out: () => {},
      err: (l) => errors.push(l),
    })
    expect(code).toBe(2)
    expect(errors.join('\n')).toMatch(/readable by others; chmod 600/)
  })

  it('runs as a process: `npm run cli -- status`', async () => {
    const cwd = path.resolve(import.meta.dirname, '../../..')
    const ok = await run('node', ['--import', 'tsx', 'server/src/cli.ts', 'status', ...auth], { cwd })
    expect(ok.stdout).toContain('Demo Site')
    const bad = await run(
      'node',
      ['--import', 'tsx', 'server/src/cli.ts', 'status', '--url', world.publicUrl, '--token', 'y'.repeat(32)],
      {
        cwd,
      },
    ).catch((e) => e)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('unauthorized')
  }, 60_000)
})
