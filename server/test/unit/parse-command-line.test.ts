import { describe, expect, it } from 'vitest'
import { CliError } from '../../src/cli/cli-error'
import { parseCommandLine } from '../../src/cli/parse-command-line'

describe('parseCommandLine', () => {
  it.each([
    [['status'], { command: 'status', positional: [], flags: {} }],
    [[], { command: undefined, positional: [], flags: {} }],
    [
      ['resync', 'lnk_1', '--site', 's1', '--full', '--dry-run'],
      { command: 'resync', positional: ['lnk_1'], flags: { site: 's1', full: true, 'dry-run': true } },
    ],
    [
      ['holds', 'confirm', 'h1', '--site=s1'],
      { command: 'holds', positional: ['confirm', 'h1'], flags: { site: 's1' } },
    ],
    [['status', '--site', 'a', '--site', 'b'], { command: 'status', positional: [], flags: { site: 'b' } }],
    [['item', '--', '-slug'], { command: 'item', positional: ['-slug'], flags: {} }],
  ])('%j', (argv, parsed) => {
    expect(parseCommandLine(argv)).toEqual(parsed)
  })

  it.each([
    [['status', '--frobnicate'], 'unknown option --frobnicate (npm run cli -- --help lists them)'],
    [['status', '-x'], 'unknown option -x (npm run cli -- --help lists them)'],
    [['status', '--site'], '--site needs a value'],
    [['status', '--site', '--json'], '--site needs a value'],
    [['status', '--json=yes'], '--json takes no value'],
  ])('%j is a usage error', (argv, message) => {
    const err = (() => {
      try {
        parseCommandLine(argv)
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(CliError)
    expect(err).toMatchObject({ message, exitCode: 2 })
  })
})
