// `npm run build`: compiles `shared` and `server` to JavaScript for production (`npm run start:prod`).
// Each source file becomes one ESM file in the package's `dist/`, in the same tree as `src/`, so paths
// resolved from `import.meta` (server/migrations) hold in both. Relative imports gain their `.js`;
// everything else stays an import: npm packages come from `npm ci --omit=dev`, and `@bindery/shared`
// resolves to shared/dist through its `bindery-build` export condition (node --conditions=bindery-build).
// Sandbox mode is a dev-install feature: of server/src/sandbox/ only its seam, load-sandbox.ts, is built
// (it says so when sandbox mode is asked of the build), so nothing in dist imports the simulator.
// Usage: node scripts/build-server.mjs [destination root, default: this repository]
import { cpSync, readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)))
const dest = path.resolve(process.argv[2] ?? root)

/** Leaves every import as it is, adding `.js` to relative ones: a per-file compile, not a bundle. */
const keepImports = {
  name: 'keep-imports',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined
      const relative = args.path.startsWith('./') || args.path.startsWith('../')
      return { path: relative ? `${args.path}.js` : args.path, external: true }
    })
  },
}

/** A package's TypeScript sources, relative to the repository, less the server's sandbox. */
const sources = (pkg) =>
  readdirSync(path.join(root, pkg, 'src'), { recursive: true })
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => file.endsWith('.ts'))
    .filter((file) => pkg !== 'server' || !file.startsWith('sandbox/') || file === 'sandbox/load-sandbox.ts')
    .map((file) => `${pkg}/src/${file}`)

for (const pkg of ['shared', 'server']) {
  const outdir = path.join(dest, pkg, 'dist')
  rmSync(outdir, { recursive: true, force: true })
  await build({
    absWorkingDir: root,
    entryPoints: sources(pkg),
    outbase: `${pkg}/src`,
    outdir,
    bundle: true,
    plugins: [keepImports],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  })
}
if (dest !== root)
  cpSync(path.join(root, 'server/migrations'), path.join(dest, 'server/migrations'), { recursive: true })
console.log(`built shared/dist and server/dist in ${dest}`)
