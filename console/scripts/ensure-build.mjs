// `npm start` in development (scripts/start.mjs) and the console's browser tests: the server serves
// console/dist at /console, so a fresh clone builds it once here. An existing build is left alone.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
if (!existsSync(new URL('../dist/index.html', import.meta.url))) {
  console.log('console/dist is missing: building the support console (npm run build -w console)…')
  execFileSync('npm', ['run', 'build', '--silent', '-w', 'console'], { cwd: root, stdio: 'inherit' })
}
