import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { FrameLocator, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../helpers/test-database'
import { ARTIFACTS, chromiumPresent, launchChromium, until } from './chromium'
import { ADMIN_TOKEN, startSandboxServer } from './sandbox-server'

// Chromium missing: playground.test.ts says so (and fails in CI); this file just skips.

type Json = Record<string, unknown>
type Choice = {
  direction: 'two-way' | 'push-only' | 'pull-only'
  policy?: 'newest' | 'hub' | 'webflow' | 'review'
  deleteMode?: 'delete' | 'archive' | 'hold'
}

const DIRECTION_RADIO = {
  'two-way': /^Two-way/,
  'push-only': /^Hub → Webflow/,
  'pull-only': /^Webflow → hub/,
}
const POLICY_RADIO = {
  newest: /^Newest wins/,
  hub: /^Hub wins/,
  webflow: /^Webflow wins/,
  review: /^Hold for review.*untouched/,
}
const DELETE_RADIO = {
  delete: /^Delete A delete/,
  archive: /^Archive instead/,
  hold: /^Hold for review.*confirms it/,
}

/**
 * The complete Designer panel (issue 15) in headless Chromium, through `/playground` on the sandbox
 * server: every wizard choice, the dry-run plan against what Apply does, held deletes, conflicts and
 * item history with restore. Screenshots at 240 and 800 px go to test-artifacts/e2e/panel-*.png.
 */
describe.skipIf(!chromiumPresent)('the complete panel in headless Chromium', () => {
  const shots = path.join(ARTIFACTS, 'e2e')
  let stack: (() => Promise<void>)[] = []
  let base = ''
  let simUrl = ''
  let siteId = ''
  let apiKey = ''
  let page: Page
  let panel: FrameLocator
  const errors: string[] = []

  const http = async (method: string, url: string, body?: unknown, token = ADMIN_TOKEN): Promise<Json> => {
    const res = await fetch(url.startsWith('http') ? url : `${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const json = await res.json().catch(() => undefined)
    if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${JSON.stringify(json)}`)
    return json as Json
  }
  const admin = (method: string, url: string, body?: unknown) =>
    http(method, `/admin/api/sites/${siteId}${url}`, body)
  const content = (method: string, url: string, body?: unknown) => http(method, `/api/v1${url}`, body, apiKey)
  const sim = (method: string, url: string, body?: unknown) => http(method, `${simUrl}${url}`, body)

  /** The panel area (the iframe) as a screenshot, at the size it has now. */
  const snap = (name: string) =>
    page.locator('#panel').screenshot({ path: path.join(shots, `panel-${name}.png`) })
  /** The same screen at 240 px and at 800 px, then back to the size the panel asked for. */
  const snapBoth = async (name: string, focus?: Locator) => {
    for (const [size, width] of [
      ['default', '240'],
      ['large', '800'],
    ] as const) {
      await page.selectOption('#panel-size', size)
      await until(
        `the ${width} px panel`,
        async () => (await page.locator('#panel').getAttribute('width')) === width,
      )
      await focus?.first().scrollIntoViewIfNeeded()
      await snap(`${name}-${width}`)
    }
    await page.selectOption('#panel-size', 'comfortable')
  }
  const noSidewaysScroll = async () => {
    const frame = page.frames().find((f) => f.url().includes('/playground/extension/'))!
    return frame.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    )
  }

  const hubCollection = async (name: string) =>
    ((await content('GET', '/collections')).collections as { id: string; name: string }[]).find(
      (c) => c.name === name,
    )
  const hubItems = async (collectionId: string) =>
    (await content('GET', `/collections/${collectionId}/items?limit=100`)).items as {
      id: string
      slug: string
      name: string
    }[]
  const webflowItems = async (name: string) => {
    const { collections } = (await http('GET', '/playground/items')) as {
      collections: { id: string; displayName: string; items: { id: string; slug: string; name: string }[] }[]
    }
    return collections.find((c) => c.displayName === name)!
  }
  const links = async () =>
    ((await admin('GET', '/collections')).links as Json[]).map((l) => l as Json & { id: string })

  const home = async () => {
    const back = panel.getByRole('button', { name: '← All collections' })
    if (await back.count()) await back.click()
    await panel.getByText('Webflow collections').waitFor()
  }

  /** The simulator's request count once it has stopped moving (nothing in flight for 1.5 s). */
  async function settledRequests() {
    let last = -1
    let still = 0
    for (;;) {
      const { requests } = (await sim('GET', '/_sim/counters')) as { requests: { total: number } }
      still = requests.total === last ? still + 1 : 0
      if (still >= 3) return requests.total
      last = requests.total
      await new Promise((r) => setTimeout(r, 500))
    }
  }

  /** The wizard, choice by choice; returns the plan's cost line. */
  async function connect(mode: 'import' | 'link' | 'publish', collection: string, choice: Choice) {
    await home()
    await panel.getByRole('button', { name: 'Connect a collection' }).click()
    const start = {
      import: /^Import a Webflow collection/,
      link: /^Link an existing pair/,
      publish: /^Publish a hub/,
    }
    await panel.getByRole('radio', { name: start[mode] }).check()
    await panel.getByRole('button', { name: 'Next' }).click()
    if (mode !== 'publish')
      await panel.getByRole('combobox', { name: 'Webflow collection' }).selectOption({ label: collection })
    if (mode !== 'import')
      await panel.getByRole('combobox', { name: 'Hub collection' }).selectOption({ label: collection })
    await panel.getByRole('button', { name: 'Next' }).click()
    await panel.getByRole('button', { name: 'Next' }).click() // fields: every syncable one, as offered
    await panel.getByRole('radio', { name: DIRECTION_RADIO[choice.direction] }).check()
    if (choice.policy) await panel.getByRole('radio', { name: POLICY_RADIO[choice.policy] }).check()
    if (choice.deleteMode) await panel.getByRole('radio', { name: DELETE_RADIO[choice.deleteMode] }).check()
    await panel.getByRole('button', { name: 'Next' }).click()
    const cost = (await panel.getByTestId('plan-cost').textContent({ timeout: 30_000 })) ?? ''
    return {
      cost,
      apply: async () => {
        await panel.getByRole('button', { name: 'Connect', exact: true }).click()
        await until(
          'the Live badge',
          async () => (await panel.getByTestId('link-badge').last().textContent()) === 'Live',
          60_000,
        )
      },
    }
  }

  /**
   * The Authors pair linked two-way, conflicts and deletes held for review: what the first test
   * leaves behind, made through the admin API when that test could not (the later tests stand alone).
   */
  async function ensureReviewLink() {
    const existing = (await links()).find((l) => l.conflictPolicy === 'review' && l.deleteMode === 'hold')
    if (existing) return
    const { hub, webflow } = (await admin('GET', '/collections')) as {
      hub: { id: string; name: string }[]
      webflow: { id: string; displayName: string }[]
    }
    const wf = webflow.find((c) => c.displayName === 'Authors')!
    for (const l of await links())
      if (l.webflowCollectionId === wf.id) await admin('DELETE', `/links/${l.id}`)
    const hubAuthors = hub.find((c) => c.name === 'Authors')
    const body = hubAuthors
      ? {
          mode: 'link',
          hubCollectionId: hubAuthors.id,
          webflowCollectionId: wf.id,
          firstMatchWinner: 'webflow',
        }
      : { mode: 'import', webflowCollectionId: wf.id }
    const link = await admin('POST', '/links', {
      ...body,
      fields: hubAuthors ? [{ hubSlug: 'bio', webflowSlug: 'bio' }] : ['bio'],
      direction: 'two-way',
      conflictPolicy: 'review',
      deleteMode: 'hold',
    })
    await until(
      'the Authors link live',
      async () => (await admin('GET', `/links/${link.id}`)).state === 'live',
    )
    await page.reload()
    await panel.getByText('Webflow collections').waitFor({ timeout: 30_000 })
  }

  async function disconnect() {
    await panel.getByRole('button', { name: 'Disconnect' }).click()
    await panel.getByRole('button', { name: 'Disconnect' }).click()
    await panel.getByText('Webflow collections').waitFor()
  }

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true })
    execFileSync(process.execPath, [path.join(ARTIFACTS, '../extension/scripts/ensure-build.mjs')], {
      stdio: 'inherit',
    })
    const database = await createTestDatabase()
    const sandbox = await startSandboxServer(database.url)
    stack.push(sandbox.stop)
    base = sandbox.url
    const context = (await http('GET', '/playground/context')) as { siteId: string; simUrl: string }
    siteId = context.siteId
    simUrl = context.simUrl
    apiKey = (await http('POST', `/admin/api/sites/${siteId}/api-keys`, { name: 'e2e-panel' })).key as string
    const chrome = await launchChromium({ width: 1280, height: 900 })
    stack.unshift(chrome.close)
    page = await chrome.context.newPage()
    page.on('pageerror', (e) => errors.push(`page: ${e.message}`))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()} @ ${m.location().url}`)
    })
    panel = page.frameLocator('#panel')
    // A warm-up load (the first one compiles nothing, but fills the OS caches), then the measured one.
    await page.goto(`${base}/playground`)
    await panel.getByText('Webflow collections').waitFor({ timeout: 30_000 })
    const t0 = Date.now()
    await page.reload()
    await panel.getByText('Webflow collections').waitFor({ timeout: 30_000 })
    // A figure for the report, not an assertion (timings belong to `npm run bench`).
    const firstScreenMs = Date.now() - t0
    const frame = page.frames().find((f) => f.url().includes('/playground/extension/'))!
    // Inside the panel: when its document started, and each request it made (start, duration).
    const inPanel = await frame.evaluate<unknown>(
      `({ shownAt: Math.round(performance.now()), requests: performance.getEntriesByType('resource').map((e) => [e.name.replace(location.origin, ''), Math.round(e.startTime), Math.round(e.duration)]) })`,
    )
    writeFileSync(
      path.join(shots, 'panel-first-screen.json'),
      JSON.stringify({ firstScreenMs, inPanel, measuredAt: new Date().toISOString() }, null, 1),
    )
  }, 120_000)

  afterAll(async () => {
    for (const stop of stack) await stop().catch(() => {})
    stack = []
  })

  it('connects with each direction and conflict policy, always showing the plan first', async () => {
    const seen: string[] = []
    // Import once (Webflow → hub); then the same pair again as a linked pair with every other choice.
    const runs: ['import' | 'link', Choice][] = [
      ['import', { direction: 'pull-only' }],
      ['link', { direction: 'push-only' }],
      ['link', { direction: 'two-way', policy: 'newest' }],
      ['link', { direction: 'two-way', policy: 'hub' }],
      ['link', { direction: 'two-way', policy: 'webflow' }],
      ['link', { direction: 'two-way', policy: 'review', deleteMode: 'hold' }],
    ]
    for (const [i, [mode, choice]] of runs.entries()) {
      const { cost, apply } = await connect(mode, 'Authors', choice)
      expect(cost).toMatch(/\d+ requests?/)
      if (i === 0) await snap('01-plan-connect-800')
      await apply()
      const link = (await links()).find((l) => l.state === 'live' || l.state === 'syncing')!
      seen.push(`${link.direction}/${link.conflictPolicy}/${link.deleteMode}`)
      if (i < runs.length - 1) await disconnect()
    }
    expect(seen).toEqual([
      'pull-only/newest/delete',
      'push-only/newest/delete',
      'two-way/newest/delete',
      'two-way/hub/delete',
      'two-way/webflow/delete',
      'two-way/review/hold',
    ])
    const settings = panel.getByTestId('settings')
    await settings.getByText('Settings', { exact: true }).click()
    expect(await settings.getByRole('radio', { name: POLICY_RADIO.review }).isChecked()).toBe(true)
    expect(await settings.getByRole('radio', { name: DELETE_RADIO.hold }).isChecked()).toBe(true)
    await snapBoth('02-link-settings', settings)
    await settings.getByText('Settings', { exact: true }).click()
  }, 240_000)

  it('shows a dry-run plan whose request count matches what Apply then does (within 5 %)', async () => {
    const fields = [{ slug: 'summary', name: 'Summary', type: 'text' }]
    const books = (await content('POST', '/collections', {
      slug: 'books',
      name: 'Books',
      singularName: 'Book',
      fields,
    })) as { id: string }
    const items = Array.from({ length: 240 }, (_, i) => ({
      slug: `book-${i}`,
      name: `Book ${i}`,
      fields: { summary: `Summary ${i}` },
    }))
    await content('POST', `/collections/${books.id}/items/bulk`, { items })
    await page.reload()
    await panel.getByText('Webflow collections').waitFor({ timeout: 30_000 })

    const { cost, apply } = await connect('publish', 'Books', { direction: 'two-way', policy: 'newest' })
    const planned = Number(/^(\d+) requests?/.exec(cost)?.[1])
    console.log(`[panel e2e] plan: ${cost}`)
    expect(await panel.getByTestId('plan-create').locator('td').first().textContent()).toBe('240')
    await snap('03-plan-publish-800')
    const before = await settledRequests()
    await apply()
    const after = await settledRequests()
    const made = after - before
    const recent = (await sim('GET', `/_sim/requests?limit=${Math.max(1, made)}`)) as unknown as {
      method: string
      route: string
      tokenId: string
    }[]
    const byRoute: Record<string, number> = {}
    for (const r of Array.isArray(recent)
      ? recent
      : ((recent as { requests?: typeof recent }).requests ?? []))
      byRoute[`${r.method} ${r.route} (${r.tokenId})`] =
        (byRoute[`${r.method} ${r.route} (${r.tokenId})`] ?? 0) + 1
    console.log(`[panel e2e] Apply made ${made} Webflow requests; the plan said ${planned}`, byRoute)
    writeFileSync(
      path.join(shots, 'panel-plan-vs-apply.json'),
      JSON.stringify({ cost, planned, made, byRoute }, null, 1),
    )
    // The playground's own item list (one site token) is not Bindery's: it lists once after a reload.
    expect({ planned, made, within5: Math.abs(made - planned) <= Math.max(1, planned * 0.05) }).toMatchObject(
      {
        within5: true,
      },
    )
  }, 180_000)

  it('holds a Webflow delete for review; rejecting it brings the item back in Webflow', async () => {
    await ensureReviewLink()
    await home()
    await panel.getByRole('button', { name: 'Status of Authors' }).first().click()
    await page.selectOption('#item-picker', { label: 'Grace Hopper' })
    await page.click('#delete-in-webflow')
    const held = panel.getByTestId('held-item')
    await until('the held delete in the panel', async () => (await held.count()) === 1, 30_000)
    expect(await held.textContent()).toContain('Grace Hopper')
    await snapBoth('04-held-delete', panel.getByTestId('holds'))
    const hub = await hubCollection('Authors')
    expect((await hubItems(hub!.id)).some((i) => i.slug === 'grace-hopper')).toBe(true)
    await panel.getByRole('button', { name: 'Reject the delete of Grace Hopper' }).click()
    await until(
      'Grace Hopper back in Webflow',
      async () => (await webflowItems('Authors')).items.some((i) => i.slug === 'grace-hopper'),
      30_000,
      2_000,
    )
    await until('the hold queue empty', async () => (await held.count()) === 0)
    expect((await hubItems(hub!.id)).some((i) => i.slug === 'grace-hopper')).toBe(true)
  }, 90_000)

  it('resolves a conflict in the panel (hold for review): keep Webflow', async () => {
    const hub = (await hubCollection('Authors'))!
    const ada = (await hubItems(hub.id)).find((i) => i.slug === 'ada-lovelace')!
    await panel.getByRole('button', { name: 'Pause' }).click()
    await panel.getByRole('button', { name: 'Resume' }).waitFor()
    await content('PATCH', `/collections/${hub.id}/items/${ada.id}`, { name: 'Ada (hub)' })
    await page.selectOption('#item-picker', { label: 'Ada Lovelace' })
    await page.fill('#edit-name', 'Ada (Webflow)')
    await page.click('#save-in-webflow')
    await sim('POST', '/_sim/webhooks/idle')
    await panel.getByRole('button', { name: 'Resume' }).click()
    const card = panel.getByTestId('conflict')
    await until('the conflict in the panel', async () => (await card.count()) === 1, 45_000)
    expect(await card.getByTestId('conflict-field').first().textContent()).toMatch(
      /name.*Ada \(hub\).*Ada \(Webflow\)/,
    )
    await snapBoth('05-conflict', card)
    await card.getByRole('button', { name: 'Keep Webflow' }).click()
    await until('the hub to take Webflow’s name', async () =>
      (await hubItems(hub.id)).some((i) => i.id === ada.id && i.name === 'Ada (Webflow)'),
    )
    await until('no conflict left', async () => (await card.count()) === 0)
  }, 120_000)

  it('shows the canvas item’s history and restores a field: the hub and Webflow follow', async () => {
    const hub = (await hubCollection('Authors'))!
    await home()
    const view = panel.getByTestId('item-view')
    await view.waitFor()
    await panel.getByTestId('item-history').getByText('History', { exact: true }).click()
    const entries = panel.getByTestId('history-entry')
    await until('history entries', async () => (await entries.count()) >= 2)
    // The entry where the hub took "Ada (hub)": restore its name.
    const restore = panel.getByRole('button', { name: 'Restore name to “Ada (hub)”' }).first()
    await restore.waitFor()
    await snapBoth('06-item-history', panel.getByTestId('item-history'))
    await restore.click()
    await until('the hub to hold the restored name', async () =>
      (await hubItems(hub.id)).some((i) => i.slug === 'ada-lovelace' && i.name === 'Ada (hub)'),
    )
    await until(
      'Webflow to follow',
      async () =>
        (await webflowItems('Authors')).items.some(
          (i) => i.slug === 'ada-lovelace' && i.name === 'Ada (hub)',
        ),
      60_000,
      2_000,
    )
  }, 150_000)

  it('fits 240 px on every screen it showed, without a console error', async () => {
    await page.selectOption('#panel-size', 'default')
    await until(
      'the 240 px panel',
      async () => (await page.locator('#panel').getAttribute('width')) === '240',
    )
    expect(await noSidewaysScroll()).toBeLessThanOrEqual(0)
    await panel.getByRole('button', { name: 'Status of Authors' }).first().click()
    await panel.getByTestId('count-synced').waitFor()
    expect(await noSidewaysScroll()).toBeLessThanOrEqual(0)
    await snap('07-link-240')
    expect(errors).toEqual([])
  })
})
