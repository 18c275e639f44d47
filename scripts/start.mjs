// `npm start`: with NODE_ENV=production, the production build on plain node (as `npm run start:prod`);
// otherwise the TypeScript sources through tsx (a development install), after building the extension
// for the playground and the support console if they are missing. Signals reach the server.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const production = process.env.NODE_ENV === 'production'
if (!production) {
  await import('../extension/scripts/ensure-build.mjs')
  await import('../console/scripts/ensure-build.mjs')
}
const args = production
  ? ['--conditions=bindery-build', 'server/dist/server.js']
  : ['--import', 'tsx', 'server/src/server.ts']
const child = spawn(process.execPath, args, {
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  stdio: 'inherit',
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
