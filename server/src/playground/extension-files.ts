import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'

/** Where `npm run build` puts the extension. */
export const EXTENSION_DIST = path.resolve(import.meta.dirname, '../../../extension/dist')

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

export const extensionBuilt = (dist = EXTENSION_DIST) => existsSync(path.join(dist, 'index.html'))

/**
 * A file of the extension build, or null when it does not exist or the path leaves the build
 * folder. Types the table does not know are not served.
 */
export async function readExtensionFile(
  relative: string,
  dist = EXTENSION_DIST,
): Promise<{ body: Buffer; type: string } | null> {
  const file = path.resolve(dist, `./${relative}`)
  if (file !== dist && !file.startsWith(`${dist}${path.sep}`)) return null
  const type = TYPES[path.extname(file).toLowerCase()]
  if (!type) return null
  try {
    return { body: await readFile(file), type }
  } catch {
    return null
  }
}

/** The build's index.html with the playground's `webflow` stub loaded before the app. */
export function withStub(indexHtml: string): string {
  return indexHtml.replace('<head>', '<head>\n    <script src="../webflow-stub.js"></script>')
}
