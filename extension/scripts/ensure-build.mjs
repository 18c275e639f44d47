// `npm start` in development (scripts/start.mjs): the sandbox playground serves extension/dist, so a
// fresh clone builds it once here instead of showing "run npm run build". An existing build is left alone.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
if (!existsSync(new URL('../dist/index.html', import.meta.url))) {
  console.log('extension/dist is missing: building the extension for the playground (npm run build)…')
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
}
