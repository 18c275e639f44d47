import { describe, expect, it } from 'vitest'
import { classifyLocaleVersion } from '../../src/reconcile/classify-locale-drift'

describe('classifyLocaleVersion', () => {
  const cases: [string, Parameters<typeof classifyLocaleVersion>[0], string, unknown][] = [
    ['a pending push', { hub: 'h', webflow: 'w', synced: 's', dirty: true }, 'two-way', { kind: 'skip' }],
    [
      'no Webflow variant',
      { hub: 'h', webflow: null, synced: null, dirty: false },
      'two-way',
      { kind: 'skip' },
    ],
    [
      'agreement',
      { hub: 'a', webflow: 'a', synced: 'a', dirty: false },
      'two-way',
      { kind: 'agree', refresh: false },
    ],
    [
      'agreement not recorded',
      { hub: 'a', webflow: 'a', synced: 'x', dirty: false },
      'two-way',
      { kind: 'agree', refresh: true },
    ],
    [
      'Webflow moved',
      { hub: 's', webflow: 'w', synced: 's', dirty: false },
      'two-way',
      { kind: 'drift', cls: 'changedInWebflow', repair: 'pull' },
    ],
    [
      'hub moved',
      { hub: 'h', webflow: 's', synced: 's', dirty: false },
      'two-way',
      { kind: 'drift', cls: 'changedInHub', repair: 'push' },
    ],
    [
      'both moved',
      { hub: 'h', webflow: 'w', synced: 's', dirty: false },
      'two-way',
      { kind: 'drift', cls: 'changedInWebflow', repair: 'pull' },
    ],
    [
      'never synced',
      { hub: 'h', webflow: 'w', synced: null, dirty: false },
      'two-way',
      { kind: 'drift', cls: 'changedInWebflow', repair: 'pull' },
    ],
    [
      'Webflow moved, push-only',
      { hub: 's', webflow: 'w', synced: 's', dirty: false },
      'push-only',
      { kind: 'drift', cls: 'changedInWebflow', repair: 'push' },
    ],
    [
      'hub moved, pull-only',
      { hub: 'h', webflow: 's', synced: 's', dirty: false },
      'pull-only',
      { kind: 'drift', cls: 'changedInHub', repair: 'none' },
    ],
    [
      'both moved, pull-only',
      { hub: 'h', webflow: 'w', synced: 's', dirty: false },
      'pull-only',
      { kind: 'drift', cls: 'changedInWebflow', repair: 'pull' },
    ],
    [
      'both moved, push-only: the hub rewrites Webflow',
      { hub: 'h', webflow: 'w', synced: 's', dirty: false },
      'push-only',
      { kind: 'drift', cls: 'changedInWebflow', repair: 'push' },
    ],
    [
      'never synced, push-only',
      { hub: 'h', webflow: 'w', synced: null, dirty: false },
      'push-only',
      { kind: 'drift', cls: 'changedInWebflow', repair: 'push' },
    ],
    [
      'agreement not recorded, pull-only',
      { hub: 'a', webflow: 'a', synced: null, dirty: false },
      'pull-only',
      { kind: 'agree', refresh: true },
    ],
    [
      'a pending push, pull-only',
      { hub: 'h', webflow: 'w', synced: 's', dirty: true },
      'pull-only',
      { kind: 'skip' },
    ],
    [
      'no Webflow variant, push-only (an update cannot make one)',
      { hub: 'h', webflow: null, synced: 's', dirty: false },
      'push-only',
      { kind: 'skip' },
    ],
  ]
  it.each(cases)('%s', (_name, hashes, direction, verdict) => {
    expect(classifyLocaleVersion(hashes, direction as 'two-way')).toEqual(verdict)
  })
})
