import { cleanup, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { collections, link, reply, SESSION, stubBackend } from './fake-backend'
import { renderPanel } from './render-panel'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

const L = link({
  counts: { synced: 40, pending: 2, failed: 1, conflict: 3 },
  lastSyncedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
})
const path = `/api/sites/site-1/links/${L.id}`
const routes = (over: Record<string, unknown> = {}) => ({
  'POST /api/session': SESSION,
  'GET /api/sites/site-1/collections': collections([L]),
  [`GET ${path}`]: L,
  [`GET ${path}/errors`]: {
    items: [
      {
        hubItemId: 'h1',
        slug: 'ada',
        name: 'Ada Lovelace',
        message: 'Validation Error: bio is too long',
        at: null,
      },
    ],
  },
  ...over,
})

async function openStatus(opts: { canEdit?: boolean } = {}) {
  const user = userEvent.setup()
  const panel = renderPanel(opts)
  await user.click((await screen.findAllByRole('button', { name: 'Status of Authors' }))[0]!)
  await screen.findByTestId('count-synced')
  return { user, ...panel }
}

describe('link status', () => {
  it('shows counts, last sync and the latest errors with Webflow’s message', async () => {
    stubBackend(routes())
    await openStatus()
    const count = (k: string) => screen.getByTestId(`count-${k}`).textContent
    expect([count('synced'), count('pending'), count('failed'), count('conflict')]).toEqual([
      '40',
      '2',
      '1',
      '3',
    ])
    expect(screen.getByText(/last sync 5 min ago/)).toBeTruthy()
    expect(await screen.findByText('Validation Error: bio is too long')).toBeTruthy()
    expect(screen.getByText('Ada Lovelace')).toBeTruthy()
  })

  it('shows the site’s locales: which the link syncs and translations waiting for a push', async () => {
    const localized = {
      ...L,
      locales: [
        { tag: 'en', displayName: 'English', primary: true, synced: true, pending: 0 },
        { tag: 'fr-FR', displayName: 'French (France)', primary: false, synced: true, pending: 2 },
        { tag: 'de-DE', displayName: 'German', primary: false, synced: false, pending: 0 },
      ],
    }
    stubBackend(
      routes({ [`GET ${path}`]: localized, 'GET /api/sites/site-1/collections': collections([localized]) }),
    )
    await openStatus()
    const items = [...(await screen.findByTestId('link-locales')).querySelectorAll('li')].map(
      (li) => li.textContent,
    )
    expect(items).toEqual([
      'en English (primary)',
      'fr-FR French (France) · 2 pending',
      'de-DE German · not synced',
    ])
  })

  it('follows the initial sync to 100% and says when it is done (polling when there is no EventSource)', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    let done = 1
    stubBackend(
      routes({
        [`GET ${path}`]: () =>
          link({ state: done >= 4 ? 'live' : 'syncing', progress: { done: Math.min(4, done++), total: 4 } }),
        [`GET ${path}/errors`]: { items: [] },
      }),
    )
    const { designer } = await openStatus()
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25')
    await vi.advanceTimersByTimeAsync(2_100)
    await waitFor(() => expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50'))
    await vi.advanceTimersByTimeAsync(4_200)
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull())
    expect(screen.getAllByTestId('link-badge').at(-1)?.textContent).toBe('Live')
    expect(designer.notify).toHaveBeenCalledWith('Success', expect.stringMatching(/Initial sync finished/))
  })

  it('pauses and resumes', async () => {
    const { calls } = stubBackend(
      routes({
        [`PATCH ${path}`]: ({ body }: { body: { paused: boolean } }) =>
          link({ state: body.paused ? 'paused' : 'live' }),
      }),
    )
    const { user, designer } = await openStatus()
    await user.click(screen.getByRole('button', { name: 'Pause' }))
    expect(await screen.findByRole('button', { name: 'Resume' })).toBeTruthy()
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ paused: true })
    expect(designer.notify).toHaveBeenCalledWith('Success', 'Sync paused')
  })

  it('starts "Sync now" and a full resync', async () => {
    const accepted = (kind: string) => ({ linkId: L.id, kind, queuedAt: new Date().toISOString() })
    const { calls } = stubBackend(
      routes({
        [`POST ${path}/resync`]: ({ body }: { body: { full?: boolean } }) => ({
          status: 202,
          body: accepted(body.full ? 'full' : 'sync-now'),
        }),
      }),
    )
    const { user, designer } = await openStatus()
    await user.click(screen.getByRole('button', { name: 'Sync now' }))
    await waitFor(() =>
      expect(designer.notify).toHaveBeenCalledWith('Success', expect.stringMatching(/^Sync started/)),
    )
    await user.click(screen.getByRole('button', { name: 'Full resync' }))
    await waitFor(() => expect(designer.notify).toHaveBeenCalledWith('Success', 'Full resync started'))
    expect(calls.filter((c) => c.method === 'POST' && c.path.endsWith('/resync')).map((c) => c.body)).toEqual(
      [{}, { full: true }],
    )
  })

  it('changes the field selection', async () => {
    const { calls } = stubBackend(routes({ [`PATCH ${path}`]: L }))
    const { user } = await openStatus()
    await user.click(screen.getByRole('button', { name: 'Change fields' }))
    const bio = screen.getByRole('checkbox', { name: /Bio/ }) as HTMLInputElement
    expect(bio.checked).toBe(true)
    await user.click(bio)
    await user.click(screen.getByRole('button', { name: 'Save fields' }))
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ fields: [] }))
  })

  it('disconnects after confirming, and reports a failure through notify', async () => {
    let fail = true
    const { calls } = stubBackend(
      routes({
        [`DELETE ${path}`]: () =>
          fail ? reply(503, { error: { code: 'service_unavailable', message: 'Try later' } }) : reply(204),
      }),
    )
    const { user, designer } = await openStatus()
    await user.click(screen.getByRole('button', { name: 'Disconnect' }))
    expect(screen.getByText('Disconnect this collection?')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Disconnect' }))
    await waitFor(() => expect(designer.notify).toHaveBeenCalledWith('Error', 'Try later'))
    fail = false
    await user.click(screen.getByRole('button', { name: 'Disconnect' }))
    expect(await screen.findByText('Webflow collections')).toBeTruthy()
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(2)
  })

  it('shows status only for a read-only user', async () => {
    stubBackend(routes())
    await openStatus({ canEdit: false })
    expect(screen.getByTestId('read-only')).toBeTruthy()
    for (const name of ['Pause', 'Change fields', 'Disconnect'])
      expect(screen.queryByRole('button', { name })).toBeNull()
  })
})
