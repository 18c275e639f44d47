import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../helpers/test-database'
import {
  ARTIFACTS,
  CHROMIUM_PATH,
  chromiumPresent,
  chromiumRequired,
  launchChromium,
  until,
} from './chromium'
import { ADMIN_TOKEN, startSandboxServer } from './sandbox-server'

if (!chromiumPresent) {
  console.warn(
    `[e2e] skipping the browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)` +
      (chromiumRequired ? ' — and CI=true, so this is a failure' : ''),
  )
}

describe.runIf(!chromiumPresent && chromiumRequired)('browser tests in CI', () => {
  it('need Chromium', () => {
    throw new Error(`CI=true but there is no Chromium at ${CHROMIUM_PATH}; .ci/run installs it`)
  })
})

describe.skipIf(!chromiumPresent)('the playground in headless Chromium', () => {
  const shots = path.join(ARTIFACTS, 'e2e')
  let stack: (() => Promise<void>)[] = []
  let base = ''
  let page: Page
  let panel: FrameLocator
  const errors: string[] = []

  // biome-ignore lint/suspicious/noExplicitAny: JSON answers, checked by what the test reads
  const admin = async (method: string, url: string, body?: unknown, token = ADMIN_TOKEN): Promise<any> => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const json = await res.json().catch(() => undefined)
    if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${JSON.stringify(json)}`)
    return json
  }
  /** The panel area (the iframe) as a screenshot. */
  const snap = (name: string) => page.locator('#panel').screenshot({ path: path.join(shots, `${name}.png`) })

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true })
    // The playground serves extension/dist: build it when a fresh clone has not yet.
    execFileSync(process.execPath, [path.join(ARTIFACTS, '../extension/scripts/ensure-build.mjs')], {
      stdio: 'inherit',
    })
    const database = await createTestDatabase()
    const sandbox = await startSandboxServer(database.url)
    stack.push(sandbox.stop)
    base = sandbox.url
    const chrome = await launchChromium({ width: 1280, height: 800 })
    stack.unshift(chrome.close)
    page = await chrome.context.newPage()
    page.on('pageerror', (e) => errors.push(`page: ${e.message}`))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()} @ ${m.location().url}`)
    })
    panel = page.frameLocator('#panel')
  }, 90_000)

  afterAll(async () => {
    for (const stop of stack) await stop().catch(() => {})
    stack = []
  })

  it('opens on the demo site with its collections, in the Designer’s comfortable size', async () => {
    await page.goto(`${base}/playground`)
    await page.getByTestId('site-name').filter({ hasText: 'Demo Site' }).waitFor()
    await panel.getByTestId('site-name').filter({ hasText: 'Demo Site' }).waitFor({ timeout: 20_000 })
    await panel.getByText('Webflow collections').waitFor()
    const rows = await panel.getByTestId('collection-row').allTextContents()
    expect(rows.some((r) => r.includes('Authors') && r.includes('Not connected'))).toBe(true)
    expect(rows.some((r) => r.includes('Blog Posts'))).toBe(true)
    const frame = page.locator('#panel')
    expect([await frame.getAttribute('width'), await frame.getAttribute('height')]).toEqual(['320', '460'])
    await snap('01-collections')
    await page.screenshot({ path: path.join(shots, '00-playground.png') })
  })

  it('connects a Webflow collection and follows the initial sync to 100% and Live', async () => {
    await panel.getByRole('button', { name: 'Connect Authors' }).click()
    // The wizard asks for the large size.
    await until('the large panel', async () => (await page.locator('#panel').getAttribute('width')) === '800')
    await panel.getByRole('button', { name: 'Next' }).click()
    await panel.getByRole('checkbox', { name: /Bio/ }).waitFor()
    await snap('02-connect-fields')
    await panel.getByRole('button', { name: 'Next' }).click()
    // The choices as offered (two-way, newest wins, deletes follow), then the dry run's plan.
    await panel.getByRole('button', { name: 'Next' }).click()
    await panel.getByTestId('plan-cost').waitFor({ timeout: 30_000 })
    await snap('02b-connect-plan')
    await panel.getByRole('button', { name: 'Connect', exact: true }).click()

    await panel.getByRole('progressbar').waitFor()
    await until(
      'progress 100%',
      async () =>
        (await panel.getByTestId('progress-percent').textContent()) === '100%' &&
        (await panel.getByRole('progressbar').getAttribute('aria-valuetext')) === '2 of 2 items',
      30_000,
    )
    await until(
      'the Live badge',
      async () => (await panel.getByTestId('link-badge').textContent()) === 'Live',
      30_000,
    )
    expect(await panel.getByTestId('count-synced').textContent()).toBe('2')
    expect(await page.locator('#panel').getAttribute('width')).toBe('320')
    await snap('03-connected-live')
    // Strings, not functions: this file compiles without the DOM library.
    const toasts = await page.evaluate<string[]>(
      'window.binderyPlayground.state.notices.map((n) => n.message)',
    )
    expect(toasts.join('\n')).toMatch(/Connected Authors/)
  })

  it('takes an edit made in Webflow into the hub, and the panel shows the item in sync', async () => {
    const siteId = (await admin('GET', '/playground/context')).siteId as string
    const { key } = await admin('POST', `/admin/api/sites/${siteId}/api-keys`, { name: 'e2e' })
    const content = (method: string, url: string, body?: unknown) => admin(method, `/api/v1${url}`, body, key)
    const hubAuthors = (await content('GET', '/collections')).collections.find(
      (c: { name: string }) => c.name === 'Authors',
    )
    expect(hubAuthors).toBeTruthy()

    // Open Ada's item page on the canvas, then rename her "in Webflow".
    await page.selectOption('#item-picker', { label: 'Ada Lovelace' })
    await page.fill('#edit-name', 'Ada King')
    await page.click('#save-in-webflow')

    const hubItem = await until('the hub to take the Webflow edit', async () => {
      const { items } = await content('GET', `/collections/${hubAuthors.id}/items`)
      return items.find((i: { name: string }) => i.name === 'Ada King')
    })
    expect(hubItem.slug).toBe('ada-lovelace')

    await panel.getByRole('button', { name: '← All collections' }).click()
    const view = panel.getByTestId('item-view')
    await until('the item view to show the new name', async () =>
      (await view.textContent())?.includes('Ada King'),
    )
    await until(
      'the item to be in sync',
      async () => (await panel.getByTestId('item-state').textContent()) === 'In sync',
    )
    expect(await view.textContent()).toMatch(/Last pull\s*just now/)
    await snap('04-item-in-sync')

    // A hub-only change while the link is paused: the panel shows the two sides differ.
    await panel.getByRole('button', { name: 'Status of Authors' }).first().click()
    await panel.getByRole('button', { name: 'Pause' }).click()
    await panel.getByRole('button', { name: 'Resume' }).waitFor()
    await content('PATCH', `/collections/${hubAuthors.id}/items/${hubItem.id}`, {
      name: 'Ada, Countess of Lovelace',
    })
    await panel.getByRole('button', { name: '← All collections' }).click()
    await until('a diff row for name', async () => {
      const rows = await panel.getByTestId('diff-row').allTextContents()
      return rows.some(
        (r) => r.includes('name') && r.includes('Ada, Countess of Lovelace') && r.includes('Ada King'),
      )
    })
    await snap('05-item-diff')
  })

  it('fits the Designer’s smallest panel (240 px) without horizontal scrolling', async () => {
    await page.selectOption('#panel-size', 'default')
    await until(
      'the 240 px panel',
      async () => (await page.locator('#panel').getAttribute('width')) === '240',
    )
    const frame = page.frames().find((f) => f.url().includes('/playground/extension/'))!
    const overflow = await frame.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await snap('06-panel-240')
    expect(errors).toEqual([])
  })

  it('edits the locale the canvas shows: only the hub’s French version changes, the item view is in French', async () => {
    await page.selectOption('#panel-size', 'comfortable')
    const siteId = (await admin('GET', '/playground/context')).siteId as string
    const { key } = await admin('POST', `/admin/api/sites/${siteId}/api-keys`, { name: 'e2e-fr' })
    const content = (method: string, url: string, body?: unknown) => admin(method, `/api/v1${url}`, body, key)
    const authors = (await content('GET', '/collections')).collections.find(
      (c: { name: string }) => c.name === 'Authors',
    )
    const ada = (await content('GET', `/collections/${authors.id}/items`)).items.find(
      (i: { slug: string }) => i.slug === 'ada-lovelace',
    )
    await page.selectOption('#locale-picker', { label: 'French (France)' })
    // Her Webflow edit left "changes in draft": the picker says so after her name.
    const adaOption = await page.locator('#item-picker option', { hasText: 'Ada King' }).getAttribute('value')
    await page.selectOption('#item-picker', adaOption!)
    await page.fill('#edit-name', 'Ada (en français)')
    await page.click('#save-in-webflow')
    await until('the hub’s French version to take the edit', async () => {
      const fr = await content('GET', `/collections/${authors.id}/items/${ada.id}?locale=fr-FR`)
      return fr.name === 'Ada (en français)'
    })
    expect((await content('GET', `/collections/${authors.id}/items/${ada.id}`)).name).toBe(ada.name)
    await until('the item view in French', async () => {
      const locale = panel.getByTestId('item-locale')
      return (await locale.count()) > 0 && (await locale.textContent()) === 'fr-FR'
    })
    await snap('07-item-french')
    expect(errors).toEqual([])
  })
})
