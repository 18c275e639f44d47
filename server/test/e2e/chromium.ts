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
