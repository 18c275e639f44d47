import { parseArgs } from 'node:util'
import { CliError } from './cli-error'

/** Every option of every command (USAGE in commands.ts says which command reads which). */
const OPTIONS = {
  site: { type: 'string' },
  collection: { type: 'string' },
  link: { type: 'string' },
  status: { type: 'string' },
  limit: { type: 'string' },
  before: { type: 'string' },
  url: { type: 'string' },
  token: { type: 'string' },
  'token-file': { type: 'string' },
  json: { type: 'boolean' },
  all: { type: 'boolean' },
  full: { type: 'boolean' },
  'no-wait': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean' },
} as const

/** `command positional… --option value --switch`, parsed by `node:util`'s parseArgs. */
export function parseCommandLine(argv: string[]) {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true })
    const [command, ...positional] = positionals
    return { command, positional, flags: values }
  } catch (err) {
    throw usageError(err as Error & { code?: string })
  }
}

export type CliArgs = ReturnType<typeof parseCommandLine>
type StringOption = {
  [K in keyof typeof OPTIONS]: (typeof OPTIONS)[K]['type'] extends 'string' ? K : never
}[keyof typeof OPTIONS]

export function requiredFlag(args: CliArgs, name: StringOption): string {
  const v = args.flags[name]
  if (!v) throw new CliError(`--${name} is required`)
  return v
}

/** parseArgs' errors in the CLI's words; the option is the first quoted name in its message. */
function usageError(err: Error & { code?: string }): Error {
  if (!err.code?.startsWith('ERR_PARSE_ARGS_')) return err
  const option = /'(-{1,2}[^' ]+)/.exec(err.message)?.[1]
  if (option && err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return new CliError(`unknown option ${option} (npm run cli -- --help lists them)`)
  if (option && err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return new CliError(
      err.message.includes('does not take an argument')
        ? `${option} takes no value`
        : `${option} needs a value`,
    )
  return new CliError(err.message.split('\n')[0]!)
}
