import { cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { collections, link, reply, SESSION, stubBackend } from './fake-backend'
import { driftReport, HUB_ITEM, plan } from './fixtures'
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
        hubItemId: HUB_ITEM,
        retryable: true,
        webflowItemId: 'wf-item-1',
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

  it('starts "Sync now" at once, and a full resync only after showing its plan', async () => {
    const accepted = (kind: string) => ({ linkId: L.id, kind, queuedAt: new Date().toISOString() })
    const { calls } = stubBackend(
      routes({
        [`POST ${path}/resync`]: ({ body }: { body: { full?: boolean } }) => ({
          status: 202,
          body: accepted(body.full ? 'full' : 'sync-now'),
        }),
        [`POST ${path}/plans/resync`]: plan({
          kind: 'full',
          linkId: L.id,
          webflow: { create: 0, update: 40, publish: 0, unpublish: 0, archive: 0, delete: 0 },
          conflicts: [{ slug: 'ada', fields: ['bio'], winner: 'hub' }],
          cost: {
            requests: 3,
            byKind: { list: 2, update: 1 },
            queuedAhead: 12,
            perMinute: 120,
            seconds: 8,
            summary: '3 requests ≈ 8 s at 120/min',
          },
        }),
      }),
    )
    const { user, designer } = await openStatus()
    await user.click(screen.getByRole('button', { name: 'Sync now' }))
    await waitFor(() =>
      expect(designer.notify).toHaveBeenCalledWith('Success', expect.stringMatching(/^Sync started/)),
    )
    await user.click(screen.getByRole('button', { name: 'Full resync' }))
    expect((await screen.findByTestId('plan-cost')).textContent).toBe('3 requests ≈ 8 s at 120/min')
    expect(screen.getByText('12 requests of other links on this token go first.')).toBeTruthy()
    expect(screen.getByTestId('plan-conflicts').textContent).toMatch(/ada: bio → hub wins/)
    expect(calls.filter((c) => c.path === `${path}/resync`)).toHaveLength(1)
    await user.click(screen.getByRole('button', { name: 'Apply' }))
    await waitFor(() => expect(designer.notify).toHaveBeenCalledWith('Success', 'Full resync started'))
    expect(calls.filter((c) => c.path === `${path}/resync`).map((c) => c.body)).toEqual([{}, { full: true }])
    expect(calls.find((c) => c.path.endsWith('/plans/resync'))?.body).toEqual({ full: true })
  }, 20_000)

  it('changes the fields: pairs them, shows the plan, then applies', async () => {
    const { calls } = stubBackend(
      routes({
        [`PATCH ${path}`]: L,
        [`POST ${path}/plans/fields`]: plan({
          kind: 'fields',
          linkId: L.id,
          webflow: { create: 0, update: 40, publish: 0, unpublish: 0, archive: 0, delete: 0 },
          cost: {
            requests: 1,
            byKind: { update: 1 },
            queuedAhead: 0,
            perMinute: 120,
            seconds: 0,
            summary: '1 request',
          },
        }),
      }),
    )
    const { user } = await openStatus()
    await user.click(screen.getByRole('button', { name: 'Change fields' }))
    const bio = screen.getByRole('combobox', { name: 'Webflow field for Bio' }) as HTMLSelectElement
    expect(bio.value).toBe('bio')
    await user.selectOptions(bio, '')
    await user.click(screen.getByRole('button', { name: 'Review the plan' }))
    expect((await screen.findByTestId('plan-update')).textContent).toBe('Update400')
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false)
    await user.click(screen.getByRole('button', { name: 'Apply' }))
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ fields: [] }))
    expect(calls.find((c) => c.path.endsWith('/plans/fields'))?.body).toEqual({ fields: [] })
  }, 20_000)

  it('retries a failed item, and shows the last drift check with what was repaired', async () => {
    const { calls } = stubBackend(
      routes({
        [`POST ${path}/items/${HUB_ITEM}/retry`]: {
          status: 202,
          body: { linkId: L.id, items: 1, queuedAt: new Date().toISOString() },
        },
        [`GET ${path}/drift`]: { report: driftReport() },
      }),
    )
    const { user, designer } = await openStatus()
    await user.click(await screen.findByRole('button', { name: 'Retry Ada Lovelace' }))
    await waitFor(() =>
      expect(designer.notify).toHaveBeenCalledWith('Success', 'Ada Lovelace: 1 item queued again'),
    )
    expect(calls.filter((c) => c.path.endsWith('/retry')).map((c) => c.path)).toEqual([
      `${path}/items/${HUB_ITEM}/retry`,
    ])
    const drift = screen.getByTestId('drift')
    await waitFor(() => expect(within(drift).getAllByTestId('drift-class')).toHaveLength(2))
    expect(
      within(drift)
        .getAllByTestId('drift-class')
        .map((r) => r.textContent),
    ).toEqual([
      'Missing in Webflow0/1 repairede.g. grace-hopper',
      'Changed in Webflow3/3 repairede.g. ada-lovelace',
    ])
  })

  it('edits the link’s settings later: direction, conflicts, deletes, site publish', async () => {
    const { calls } = stubBackend(
      routes({ [`PATCH ${path}`]: link({ deleteMode: 'hold', publishSite: true }) }),
    )
    const { user, designer } = await openStatus()
    const settings = screen.getByTestId('settings')
    await user.click(within(settings).getByText('Settings'))
    await user.click(within(settings).getByRole('radio', { name: /Hold for review.*confirms it/ }))
    await user.click(within(settings).getByRole('checkbox', { name: /Publish the site after sync/ }))
    await user.click(within(settings).getByRole('button', { name: 'Save settings' }))
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
        deleteMode: 'hold',
        publishSite: true,
      }),
    )
    await waitFor(() => expect(designer.notify).toHaveBeenCalledWith('Success', 'Link settings saved'))
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

  it('shows everything to a read-only user, with every change disabled and the reason given', async () => {
    stubBackend(routes())
    await openStatus({ canEdit: false })
    expect(screen.getByTestId('read-only')).toBeTruthy()
    await screen.findByText('Validation Error: bio is too long')
    for (const name of [
      'Sync now',
      'Full resync',
      'Pause',
      'Change fields',
      'Disconnect',
      'Retry Ada Lovelace',
    ]) {
      const button = screen.getByRole('button', { name }) as HTMLButtonElement
      expect([name, button.disabled, button.title]).toEqual([
        name,
        true,
        expect.stringMatching(/cannot edit CMS content/),
      ])
    }
    const settings = screen.getByTestId('settings')
    expect(
      within(settings)
        .getByRole('radio', { name: /Hub wins/ })
        .matches(':disabled'),
    ).toBe(true)
  })
})
