import { cleanup, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { collections, link, SESSION, stubBackend } from './fake-backend'
import { HUB_ITEM, hold, LINK_ID } from './fixtures'
import { openLink } from './open-link'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const L = link({ deleteMode: 'hold', heldDeletes: 2 })
const path = `/api/sites/site-1/links/${LINK_ID}`
const H = hold()
const routes = (over: Record<string, unknown> = {}) => ({
  'POST /api/session': SESSION,
  'GET /api/sites/site-1/collections': collections([L]),
  [`GET ${path}`]: L,
  [`GET ${path}/errors`]: { items: [] },
  'GET /api/sites/site-1/holds': { holds: [H] },
  ...over,
})

describe('held deletes', () => {
  it('lists the deletes waiting for review, and rejects one: the item comes back', async () => {
    const { calls } = stubBackend(
      routes({
        [`POST /api/sites/site-1/holds/${H.id}/reject`]: {
          hold: {
            ...H,
            status: 'rejected',
            items: [H.items[0]!],
            decidedAt: new Date().toISOString(),
            decidedBy: 'user:u1',
          },
          applied: 1,
          skipped: [],
        },
      }),
    )
    const { user, designer } = await openLink()
    const box = screen.getByTestId('holds')
    await waitFor(() => expect(within(box).getAllByTestId('held-item')).toHaveLength(2))
    expect(
      within(box).getByText(/Deleted in Webflow; the hub still has them · this link holds deletes/),
    ).toBeTruthy()
    expect(calls.find((c) => c.path === '/api/sites/site-1/holds')).toBeTruthy()
    await user.click(within(box).getByRole('button', { name: 'Reject the delete of Ada Lovelace' }))
    await waitFor(() =>
      expect(designer.notify).toHaveBeenCalledWith('Success', '1 item brought back where it was deleted'),
    )
    expect(calls.find((c) => c.path.endsWith('/reject'))?.body).toEqual({ hubItemIds: [HUB_ITEM] })
    // The queue is read again after the decision.
    expect(calls.filter((c) => c.path === '/api/sites/site-1/holds').length).toBeGreaterThan(1)
  })

  it('confirms every delete of a hold at once', async () => {
    const { calls } = stubBackend(
      routes({
        [`POST /api/sites/site-1/holds/${H.id}/confirm`]: {
          hold: { ...H, status: 'confirmed' },
          applied: 2,
          skipped: [],
        },
      }),
    )
    const { user, designer } = await openLink()
    await user.click(await within(screen.getByTestId('holds')).findByRole('button', { name: 'Confirm all' }))
    await waitFor(() => expect(designer.notify).toHaveBeenCalledWith('Success', '2 deletes confirmed'))
    expect(calls.find((c) => c.path.endsWith('/confirm'))?.body).toEqual({})
  })

  it('refreshes the queue when the link’s live updates say a delete is now held', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    let held = false
    const { calls } = stubBackend(
      routes({
        [`GET ${path}`]: () => link({ deleteMode: 'hold', heldDeletes: held ? 1 : 0 }),
        'GET /api/sites/site-1/holds': () => ({ holds: held ? [hold({ items: [H.items[0]!] })] : [] }),
      }),
    )
    await openLink()
    const box = screen.getByTestId('holds')
    await within(box).findByText('No delete is waiting.')
    held = true
    await vi.advanceTimersByTimeAsync(2_100) // the polling fallback (jsdom has no EventSource)
    await waitFor(() => expect(within(box).getAllByTestId('held-item')).toHaveLength(1))
    expect(calls.filter((c) => c.path === '/api/sites/site-1/holds').length).toBe(2)
    vi.useRealTimers()
  })

  it('shows a read-only user the queue with its buttons disabled', async () => {
    stubBackend(routes())
    await openLink({ canEdit: false })
    const box = screen.getByTestId('holds')
    await waitFor(() => expect(within(box).getAllByTestId('held-item')).toHaveLength(2))
    for (const b of within(box).getAllByRole('button')) expect((b as HTMLButtonElement).disabled).toBe(true)
  })
})
