import { cleanup, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { collections, link, reply, SESSION, stubBackend } from './fake-backend'
import { conflict, LINK_ID } from './fixtures'
import { openLink } from './open-link'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const L = link({ conflictPolicy: 'review', counts: { synced: 1, pending: 0, failed: 0, conflict: 1 } })
const C = conflict()
const resolvePath = `/api/sites/site-1/conflicts/${C.id}/resolve`
const routes = (over: Record<string, unknown> = {}) => ({
  'POST /api/session': SESSION,
  'GET /api/sites/site-1/collections': collections([L]),
  [`GET /api/sites/site-1/links/${LINK_ID}`]: L,
  [`GET /api/sites/site-1/links/${LINK_ID}/errors`]: { items: [] },
  'GET /api/sites/site-1/conflicts': { conflicts: [C] },
  [`POST ${resolvePath}`]: reply(204),
  ...over,
})

describe('conflicts held for review', () => {
  it('shows both sides of each field, and keeps the hub for the whole item', async () => {
    const { calls } = stubBackend(routes())
    const { user, designer } = await openLink()
    const card = await screen.findByTestId('conflict')
    expect(
      within(card)
        .getAllByTestId('conflict-field')
        .map((r) => r.textContent),
    ).toEqual(['name Ada Lovelace Ada King', 'bio Mathematician Countess'])
    await user.click(within(card).getByRole('button', { name: 'Keep hub' }))
    await waitFor(() =>
      expect(designer.notify).toHaveBeenCalledWith('Success', 'Ada Lovelace: the hub’s values kept'),
    )
    expect(calls.find((c) => c.path === resolvePath)?.body).toEqual({ side: 'hub' })
    expect(calls.find((c) => c.path === '/api/sites/site-1/conflicts')?.path).toBeTruthy()
  })

  it('resolves field by field: the button waits until every field has a side', async () => {
    const { calls } = stubBackend(routes())
    const { user } = await openLink()
    const card = await screen.findByTestId('conflict')
    const mine = within(card).getByRole('button', { name: 'Keep my picks' }) as HTMLButtonElement
    expect(mine.disabled).toBe(true)
    await user.click(within(card).getByRole('radio', { name: 'name: keep Webflow’s value' }))
    await user.click(within(card).getByRole('radio', { name: 'bio: keep the hub’s value' }))
    expect(mine.disabled).toBe(false)
    await user.click(mine)
    await waitFor(() =>
      expect(calls.find((c) => c.path === resolvePath)?.body).toEqual({
        fields: { name: 'webflow', bio: 'hub' },
      }),
    )
  })
})
