/** `command positional… --flag value --switch`, parsed without a library: the CLI has few options. */
export type CliArgs = {
  command: string | undefined
  positional: string[]
  flags: Record<string, string | true>
}

const SWITCHES = new Set(['json', 'all', 'full', 'help', 'no-wait', 'dry-run'])

export function parseArgs(argv: string[]): CliArgs {
  const positional: string[] = []
  const flags: Record<string, string | true> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (!arg.startsWith('--')) {
      positional.push(arg)
      continue
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined]
    if (inline !== undefined) flags[name] = inline
    else if (SWITCHES.has(name)) flags[name] = true
    else {
      const value = argv[i + 1]
      if (value === undefined || value.startsWith('--')) throw new CliError(`--${name} needs a value`)
      flags[name] = value
      i++
    }
  }
  return { command: positional.shift(), positional, flags }
}

export function stringFlag(args: CliArgs, name: string): string | undefined {
  const v = args.flags[name]
  if (v === true) throw new CliError(`--${name} needs a value`)
  return v
}

export function requiredFlag(args: CliArgs, name: string): string {
  const v = stringFlag(args, name)
  if (!v) throw new CliError(`--${name} is required`)
  return v
}

/** A failure to report as one line, with exit code 1 (2 for usage errors). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message)
  }
}
