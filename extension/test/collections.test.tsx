import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { collections, link, SESSION, stubBackend } from './fake-backend'
import { renderPanel } from './render-panel'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const badges = async () => {
  await screen.findByText('Webflow collections')
  return screen.getAllByTestId('collection-row').map((row) => {
    const name = row.querySelector('.list-name')?.textContent
    return `${name}: ${within(row).getByTestId('link-badge').textContent}`
  })
}

describe('collections', () => {
  it('lists hub and Webflow collections, not connected', async () => {
    stubBackend({ 'POST /api/session': SESSION, 'GET /api/sites/site-1/collections': collections() })
    renderPanel()
    expect(await badges()).toEqual([
      'Authors: Not connected',
      'Blog Posts: Not connected',
      'Authors: Not connected',
    ])
    expect(screen.getByRole('button', { name: 'Connect a collection' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Connect Blog Posts' })).toBeTruthy()
  })

  it.each([
    ['live', 'Live'],
    ['syncing', 'Syncing 3/10'],
    ['connecting', 'Syncing 3/10'],
    ['paused', 'Paused'],
    ['error', 'Error'],
  ] as const)('shows a %s link as "%s" on both sides', async (state, label) => {
    stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': collections([link({ state, progress: { done: 3, total: 10 } })]),
    })
    renderPanel()
    expect(await badges()).toEqual([`Authors: ${label}`, 'Blog Posts: Not connected', `Authors: ${label}`])
    expect(screen.getAllByRole('button', { name: 'Status of Authors' })).toHaveLength(2)
  })

  it('reads the collections once (the server asks Webflow for them); a syncing badge moves from the link’s own summary', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    let done = 1
    const L = link({ state: 'syncing', progress: { done: 1, total: 4 } })
    const { calls } = stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': collections([L]),
      [`GET /api/sites/site-1/links/${L.id}`]: () =>
        link({ state: done >= 4 ? 'live' : 'syncing', progress: { done: Math.min(4, ++done), total: 4 } }),
    })
    renderPanel()
    await screen.findByText('Webflow collections')
    await vi.advanceTimersByTimeAsync(9_500)
    expect((await badges())[0]).toBe('Authors: Live')
    expect(calls.filter((c) => c.path === '/api/sites/site-1/collections')).toHaveLength(1)
    vi.useRealTimers()
  })

  it('is read-only for a user who cannot edit CMS content', async () => {
    stubBackend({ 'POST /api/session': SESSION, 'GET /api/sites/site-1/collections': collections() })
    renderPanel({ canEdit: false })
    await screen.findByText('Webflow collections')
    expect(screen.getByText('Read-only')).toBeTruthy()
    expect(screen.getByTestId('read-only').textContent).toMatch(/needs a role that can edit CMS content/)
    // The buttons stay in view, disabled, and say why.
    const connect = screen.getByRole('button', { name: 'Connect a collection' }) as HTMLButtonElement
    expect(connect.disabled).toBe(true)
    expect(connect.title).toMatch(/cannot edit CMS content/)
    expect(connect.getAttribute('aria-describedby')).toBe('read-only-reason')
    expect(
      screen.getAllByRole('button', { name: /^Connect / }).every((b) => (b as HTMLButtonElement).disabled),
    ).toBe(true)
  })

  it('is read-only when the server issued a read-only session, whatever the Designer says', async () => {
    stubBackend({
      'POST /api/session': { ...SESSION, role: 'viewer' },
      'GET /api/sites/site-1/collections': collections(),
    })
    renderPanel({ canEdit: true })
    await screen.findByText('Webflow collections')
    expect(screen.getByText('Read-only')).toBeTruthy()
    const connect = screen.getByRole('button', { name: 'Connect a collection' }) as HTMLButtonElement
    expect(connect.disabled).toBe(true)
    expect(connect.title).toMatch(/read-only access/)
  })

  it('says what failed and offers a retry', async () => {
    stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': {
        status: 502,
        body: { error: { code: 'webflow_error', message: 'Webflow is unavailable' } },
      },
    })
    renderPanel()
    expect(await screen.findByText('Collections could not be loaded')).toBeTruthy()
    expect(screen.getByText('Webflow is unavailable')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy()
  })
})
