import { readFile } from 'node:fs/promises'
import path from 'node:path'

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

/**
 * A file of a front-end build (the support console's, the extension's), or null when it does not
 * exist or the path leaves the build folder `dist`. Types the table does not know are not served.
 */
export async function readBuildFile(
  relative: string,
  dist: string,
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
