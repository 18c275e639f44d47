import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { type AdminClient, adminClient } from './cli/admin-client'
import { CliError, parseArgs, stringFlag } from './cli/cli-args'
import { type CliIo, commands, USAGE } from './cli/commands'
import { readEnv } from './config'

export type CliOptions = Partial<CliIo> & { client?: (url: string, token: string) => AdminClient }

/**
 * Support's CLI against a running Bindery (`npm run cli -- <command>`): it only talks to the admin
 * API over HTTP, so it works the same against a local sandbox and a production deployment.
 * Returns the exit code: 0 done, 1 the operation failed, 2 bad usage.
 */
export async function runCli(argv: string[], o: CliOptions = {}): Promise<number> {
  const io: CliIo = {
    out: o.out ?? ((l) => process.stdout.write(`${l}\n`)),
    err: o.err ?? ((l) => process.stderr.write(`${l}\n`)),
    sleep: o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
  }
  try {
    const args = parseArgs(argv)
    if (!args.command || args.flags.help || args.command === 'help') {
      io.out(USAGE)
      return args.command || args.flags.help ? 0 : 2
    }
    const command = commands[args.command]
    if (!command) throw new CliError(`unknown command "${args.command}"\n\n${USAGE}`)
    const url = stringFlag(args, 'url') ?? readEnv('BINDERY_URL') ?? 'http://localhost:3000'
    const token = stringFlag(args, 'token') ?? readEnv('ADMIN_TOKEN') ?? sandboxToken()
    if (!token) throw new CliError('no admin token: pass --token or set ADMIN_TOKEN')
    await command(args, (o.client ?? adminClient)(url, token), io)
    return 0
  } catch (err) {
    if (!(err instanceof CliError)) throw err
    io.err(`error: ${err.message}`)
    return err.exitCode
  }
}

/** In sandbox mode the server generated the admin token into DATA_DIR. */
function sandboxToken(): string | undefined {
  const file = path.resolve(readEnv('DATA_DIR') ?? '.data', 'sandbox-secrets.json')
  if (!existsSync(file)) return undefined
  return (JSON.parse(readFileSync(file, 'utf8')) as { adminToken?: string }).adminToken
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error('error:', err instanceof Error ? err.message : err)
      process.exit(1)
    },
  )
}
