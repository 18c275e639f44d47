import type { AlertKind } from '@bindery/shared/api/admin-alerts'
import { describe, expect, it } from 'vitest'
import type { Condition } from '../../src/alerts/conditions'
import { decideIncidents, type OpenIncident } from '../../src/alerts/decide-incidents'

const NOW = new Date('2026-12-02T12:00:00Z')
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000)
const cond = (kind: AlertKind, subject: string): Condition => ({ kind, subject, summary: 's', details: {} })
const inc = (
  id: string,
  kind: AlertKind,
  subject: string,
  openedMin: number,
  notified: boolean,
): OpenIncident => ({
  id,
  kind,
  subject,
  openedAt: minutesAgo(openedMin),
  notifiedAt: notified ? minutesAgo(openedMin) : null,
})
// circuit_open waits 10 minutes before its message; every other kind alerts at once.
const wait = (kind: AlertKind) => (kind === 'circuit_open' ? 10 : 0)

describe('the incident decision', () => {
  const cases: {
    name: string
    open: OpenIncident[]
    active: Condition[]
    opened: [string, boolean][]
    kept: string[]
    notified: string[]
    resolved: [string, boolean][]
  }[] = [
    {
      name: 'a new condition opens an incident and alerts at once',
      open: [],
      active: [cond('token_revoked', 'inst-1')],
      opened: [['token_revoked/inst-1', true]],
      kept: [],
      notified: [],
      resolved: [],
    },
    {
      name: 'a condition that persists keeps its incident and sends nothing again',
      open: [inc('1', 'token_revoked', 'inst-1', 5, true)],
      active: [cond('token_revoked', 'inst-1')],
      opened: [],
      kept: ['1'],
      notified: [],
      resolved: [],
    },
    {
      name: 'the same condition twice in one check is one incident',
      open: [],
      active: [cond('deletes_held', 'site-1'), cond('deletes_held', 'site-1')],
      opened: [['deletes_held/site-1', true]],
      kept: [],
      notified: [],
      resolved: [],
    },
    {
      name: 'same kind, another subject: its own incident',
      open: [inc('1', 'token_revoked', 'inst-1', 5, true)],
      active: [cond('token_revoked', 'inst-1'), cond('token_revoked', 'inst-2')],
      opened: [['token_revoked/inst-2', true]],
      kept: ['1'],
      notified: [],
      resolved: [],
    },
    {
      name: 'a cleared condition resolves its incident with a resolved message',
      open: [inc('1', 'dead_letters', 'all', 30, true)],
      active: [],
      opened: [],
      kept: [],
      notified: [],
      resolved: [['1', true]],
    },
    {
      name: 'a waiting kind opens silently',
      open: [],
      active: [cond('circuit_open', 'inst-1')],
      opened: [['circuit_open/inst-1', false]],
      kept: [],
      notified: [],
      resolved: [],
    },
    {
      name: 'a waiting kind not yet past its wait still sends nothing',
      open: [inc('1', 'circuit_open', 'inst-1', 9, false)],
      active: [cond('circuit_open', 'inst-1')],
      opened: [],
      kept: ['1'],
      notified: [],
      resolved: [],
    },
    {
      name: 'a waiting kind past its wait sends its message once',
      open: [inc('1', 'circuit_open', 'inst-1', 10, false)],
      active: [cond('circuit_open', 'inst-1')],
      opened: [],
      kept: ['1'],
      notified: ['1'],
      resolved: [],
    },
    {
      name: 'already notified: not again',
      open: [inc('1', 'circuit_open', 'inst-1', 60, true)],
      active: [cond('circuit_open', 'inst-1')],
      opened: [],
      kept: ['1'],
      notified: [],
      resolved: [],
    },
    {
      name: 'a blip that clears before its wait resolves without any message',
      open: [inc('1', 'circuit_open', 'inst-1', 3, false)],
      active: [],
      opened: [],
      kept: [],
      notified: [],
      resolved: [['1', false]],
    },
  ]
  for (const c of cases) {
    it(c.name, () => {
      const plan = decideIncidents(c.open, c.active, NOW, wait)
      expect(plan.open.map((o) => [`${o.condition.kind}/${o.condition.subject}`, o.notify])).toEqual(c.opened)
      expect(plan.keep.map((k) => k.id)).toEqual(c.kept)
      expect(plan.notify).toEqual(c.notified)
      expect(plan.resolve.map((r) => [r.id, r.notify])).toEqual(c.resolved)
    })
  }
})
