import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// Imports flow one way (STYLE.md §15): a module imports its own layer or lower ones, never a higher
// one, and no two folders import each other, not even through a third. Pure: reads the source only.

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

/**
 * server/src's top folders (and top files, by name without `.ts`), lowest first. In one layer a
 * folder may import another as long as no cycle forms; `http/` composes the feature route plugins
 * into the audience scopes, so no feature imports it.
 */
const SERVER_LAYERS = [
  ['config', 'logger', 'vocabulary'],
  ['crypto', 'plugins', 'db'],
  ['metrics'],
  ['webflow'],
  ['context'],
  [
    'content',
    'sync',
    'reconcile',
    'install',
    'reliability',
    'panel',
    'admin',
    'alerts',
    'session',
    'console',
    'sandbox',
    'webhooks',
  ],
  ['http', 'jobs'],
  ['app', 'cli'],
  ['runtime'],
  ['server', 'startup-hint'],
]

/** extension/src: shared code, then features (which never import one another), then the app. */
const EXTENSION_LAYERS = [['styles', 'lib'], ['components'], ['features/*'], ['app'], ['main']]

type Edge = { from: string; to: string; file: string; spec: string }

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : []
  })
}

/** The relative imports of every file under `root`, each mapped to the units it goes between. */
function importEdges(root: string, unitOf: (parts: string[]) => string): Edge[] {
  const unit = (path: string) =>
    unitOf(
      relative(root, path)
        .replace(/\.tsx?$/, '')
        .split(sep),
    )
  return sourceFiles(root).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/(?:\bfrom|^import|\bimport\()\s*['"](\.\.?\/[^'"]+)['"]/gm)].map(
      ([, spec]) => ({
        from: unit(file),
        to: unit(resolve(dirname(file), spec!)),
        file: relative(repo, file),
        spec: spec!,
      }),
    ),
  )
}

const serverUnit = (parts: string[]) => parts[0]!
const extensionUnit = (parts: string[]) => (parts[0] === 'features' ? `features/${parts[1]}` : parts[0]!)

/** Where the layers are broken: imports upward, or (with `isolated`) between units of one layer. */
function layerViolations(edges: Edge[], layers: string[][], isolated: string[] = []): string[] {
  const layerOf = (u: string) =>
    layers.findIndex((l) => l.includes(u) || l.some((p) => p.endsWith('/*') && u.startsWith(p.slice(0, -1))))
  return edges
    .filter((e) => e.from !== e.to)
    .filter((e) => {
      const [from, to] = [layerOf(e.from), layerOf(e.to)]
      if (from < 0 || to < 0 || to > from) return true
      return to === from && isolated.some((p) => e.from.startsWith(p) && e.to.startsWith(p))
    })
    .map((e) => `${e.file} imports ${e.spec} (${e.from} → ${e.to})`)
}

/** Imports that close a cycle between units (Tarjan's strongly connected components). */
function cycles(edges: Edge[]): string[] {
  const next = new Map<string, Set<string>>()
  for (const e of edges) if (e.from !== e.to) next.set(e.from, (next.get(e.from) ?? new Set()).add(e.to))
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const component = new Map<string, number>()
  let counter = 0
  const visit = (v: string) => {
    index.set(v, counter)
    low.set(v, counter++)
    stack.push(v)
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (!component.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop())
        component.set(w, index.get(v)!)
    }
  }
  for (const v of next.keys()) if (!index.has(v)) visit(v)
  return edges
    .filter((e) => e.from !== e.to && component.get(e.from) === component.get(e.to))
    .map((e) => `${e.file} imports ${e.spec} (${e.from} ↔ ${e.to})`)
}

describe('import direction', () => {
  const server = importEdges(join(repo, 'server/src'), serverUnit)
  const extension = importEdges(join(repo, 'extension/src'), extensionUnit)

  it('reads the imports of both trees', () => {
    expect(server.length).toBeGreaterThan(500)
    expect(extension.length).toBeGreaterThan(100)
  })

  it('server: every top folder has a layer, and none imports a higher one', () => {
    expect(layerViolations(server, SERVER_LAYERS)).toEqual([])
  })

  it('server: no two folders import each other, directly or through others', () => {
    expect(cycles(server)).toEqual([])
  })

  it('extension: shared code imports no feature, and no feature imports another', () => {
    expect(layerViolations(extension, EXTENSION_LAYERS, ['features/'])).toEqual([])
    expect(cycles(extension)).toEqual([])
  })

  it('names the files of an upward import, a pair, a cycle through a third and a feature crossing', () => {
    const e = (from: string, to: string): Edge => ({ from, to, file: `${from}/x.ts`, spec: `../${to}/y` })
    const layers = [['db'], ['sync', 'reconcile', 'panel'], ['jobs']]
    expect(layerViolations([e('db', 'jobs'), e('jobs', 'db')], layers)).toEqual([
      'db/x.ts imports ../jobs/y (db → jobs)',
    ])
    expect(layerViolations([e('db', 'cache')], layers)).toEqual(['db/x.ts imports ../cache/y (db → cache)'])
    expect(cycles([e('sync', 'reconcile'), e('reconcile', 'sync'), e('panel', 'sync')])).toHaveLength(2)
    expect(cycles([e('sync', 'reconcile'), e('reconcile', 'panel'), e('panel', 'sync')])).toHaveLength(3)
    expect(
      layerViolations([e('features/a', 'features/b'), e('features/a', 'lib')], EXTENSION_LAYERS, [
        'features/',
      ]),
    ).toEqual(['features/a/x.ts imports ../features/b/y (features/a → features/b)'])
  })
})
