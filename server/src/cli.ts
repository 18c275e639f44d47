import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { type AdminClient, adminClient } from './cli/admin-client'
import { CliError } from './cli/cli-error'
import { type CliIo, commands, USAGE } from './cli/commands'
import { type CliArgs, parseCommandLine } from './cli/parse-command-line'
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
    const args = parseCommandLine(argv)
    if (!args.command || args.flags.help || args.command === 'help') {
      io.out(USAGE)
      return args.command || args.flags.help ? 0 : 2
    }
    const command = commands[args.command]
    if (!command) throw new CliError(`unknown command "${args.command}"\n\n${USAGE}`)
    const url = args.flags.url ?? readEnv('BINDERY_URL') ?? 'http://localhost:3000'
    const token = adminToken(args, io)
    if (!token) throw new CliError('no admin token: set ADMIN_TOKEN, or pass --token-file (a 0600 file)')
    await command(args, (o.client ?? adminClient)(url, token), io)
    return 0
  } catch (err) {
    if (!(err instanceof CliError)) throw err
    io.err(`error: ${err.message}`)
    return err.exitCode
  }
}

/**
 * The admin token, from (in order) `--token` (with a warning: it lands in shell history and the
 * process list), ADMIN_TOKEN, `--token-file`/ADMIN_TOKEN_FILE, or in sandbox mode the secrets the
 * server generated into DATA_DIR. Files must be readable by their owner only (0600).
 */
function adminToken(args: CliArgs, io: CliIo): string | undefined {
  const given = args.flags.token
  if (given) {
    io.err(
      'warning: --token exposes the admin token in shell history and the process list; use ADMIN_TOKEN or --token-file',
    )
    return given
  }
  const fromEnv = readEnv('ADMIN_TOKEN')
  if (fromEnv) return fromEnv
  const file = args.flags['token-file'] ?? readEnv('ADMIN_TOKEN_FILE')
  if (file) return readPrivate(file).trim()
  const sandbox = path.resolve(readEnv('DATA_DIR') ?? '.data', 'sandbox-secrets.json')
  if (!existsSync(sandbox)) return undefined
  return (JSON.parse(readPrivate(sandbox)) as { adminToken?: string }).adminToken
}

function readPrivate(file: string): string {
  if (!existsSync(file)) throw new CliError(`token file ${file} does not exist`)
  if (statSync(file).mode & 0o077) {
    throw new CliError(`token file ${file} is readable by others; chmod 600 it`)
  }
  return readFileSync(file, 'utf8')
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
