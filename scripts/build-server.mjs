// `npm run build`: compiles `shared` and `server` to JavaScript for production (`npm run start:prod`).
// Each source file becomes one ESM file in the package's `dist/`, in the same tree as `src/`, so paths
// resolved from `import.meta` (server/migrations) hold in both. Relative imports gain their `.js`;
// everything else stays an import: npm packages come from `npm ci --omit=dev`, and `@bindery/shared`
// resolves to shared/dist through its `bindery-build` export condition (node --conditions=bindery-build).
// The simulator is not built: sandbox mode needs the dev install (see server/src/sandbox-loader.ts).
// Usage: node scripts/build-server.mjs [destination root, default: this repository]
import { cpSync, rmSync } from 'node:fs'
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

for (const pkg of ['shared', 'server']) {
  const outdir = path.join(dest, pkg, 'dist')
  rmSync(outdir, { recursive: true, force: true })
  await build({
    absWorkingDir: root,
    entryPoints: [`${pkg}/src/**/*.ts`],
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
// Sandbox-only files: copied so the tree is complete, though sandbox mode is a dev-install feature.
cpSync(path.join(root, 'server/src/playground/assets'), path.join(dest, 'server/dist/playground/assets'), {
  recursive: true,
})
if (dest !== root)
  cpSync(path.join(root, 'server/migrations'), path.join(dest, 'server/migrations'), { recursive: true })
console.log(`built shared/dist and server/dist in ${dest}`)
