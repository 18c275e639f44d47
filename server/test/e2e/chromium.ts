import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'
import { readEnv } from '../../src/config'

/** Debian's Chromium (Playwright's own download is unreachable here), or CHROMIUM_PATH. */
export const CHROMIUM_PATH = readEnv('CHROMIUM_PATH') ?? '/usr/bin/chromium'
export const chromiumPresent = existsSync(CHROMIUM_PATH)
/** In CI a missing browser is a failure, not a skip. */
export const chromiumRequired = readEnv('CI') === 'true'

export const ARTIFACTS = path.resolve(import.meta.dirname, '../../../test-artifacts')

/** Headless Chromium with a throwaway profile (a persistent context is how Playwright takes one). */
export async function launchChromium(viewport: { width: number; height: number }) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'bindery-chromium-'))
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Polls `check` until it returns a truthy value, or fails with `what` after `ms`. */
export async function until<T>(
  what: string,
  check: () => Promise<T>,
  ms = 30_000,
  every = 250,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms
  let last: unknown
  for (;;) {
    try {
      const v = await check()
      if (v) return v
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? ` (${String(last)})` : ''}`)
    await new Promise((r) => setTimeout(r, every))
  }
}
