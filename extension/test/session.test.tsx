import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { API, collections, reply, SESSION, stubBackend } from './fake-backend'
import { renderPanel } from './render-panel'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('session', () => {
  it('says it is connecting while the session is being opened', async () => {
    stubBackend({ 'POST /api/session': () => new Promise(() => {}) })
    renderPanel()
    expect(await screen.findByText('Connecting to Bindery…')).toBeTruthy()
  })

  it('sends the ID token and site id, then shows the site', async () => {
    const { calls } = stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': collections(),
    })
    const { designer } = renderPanel()
    expect((await screen.findByTestId('site-name')).textContent).toBe('Demo Site')
    expect(calls[0]).toMatchObject({
      method: 'POST',
      path: '/api/session',
      body: { idToken: 'id-token-1', siteId: 'site-1', canEdit: true },
    })
    expect(calls[1]?.headers.authorization).toBe('Bearer session-1')
    expect(designer.setExtensionSize).toHaveBeenCalledWith('comfortable')
  })

  it('explains an unreachable server and retries', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    )
    renderPanel()
    expect(await screen.findByText('Bindery could not start')).toBeTruthy()
    expect(screen.getByText(/cannot be reached.*Check that it is running/)).toBeTruthy()
    stubBackend({ 'POST /api/session': SESSION, 'GET /api/sites/site-1/collections': collections() })
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByTestId('site-name')).toBeTruthy()
  })

  it('offers the install when the site is not installed, and continues after the popup reports back', async () => {
    let installed = false
    stubBackend({
      'POST /api/session': () =>
        installed
          ? SESSION
          : reply(409, {
              error: {
                code: 'not_installed',
                message: 'not installed',
                installUrl: `${API}/oauth/install?popup=1`,
              },
            }),
      'GET /api/sites/site-1/collections': collections(),
    })
    const popup = { closed: false }
    const open = vi.fn(() => popup as unknown as Window)
    vi.stubGlobal('open', open)
    renderPanel()
    fireEvent.click(await screen.findByRole('button', { name: 'Install Bindery' }))
    expect(open).toHaveBeenCalledWith(`${API}/oauth/install?popup=1`, 'bindery-install', expect.any(String))
    expect(await screen.findByText('Waiting for the install window…')).toBeTruthy()

    // A message from another origin is ignored.
    act(() => {
      window.dispatchEvent(
        new MessageEvent('message', { data: { type: 'bindery:installed' }, origin: 'http://evil.test' }),
      )
    })
    expect(screen.queryByTestId('site-name')).toBeNull()

    installed = true
    act(() => {
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'bindery:installed' }, origin: API }))
    })
    expect(await screen.findByTestId('site-name')).toBeTruthy()
  })

  it('renews the session once on a 401 and repeats the request', async () => {
    let sessions = 0
    const { calls } = stubBackend({
      'POST /api/session': () => ({ ...SESSION, token: `session-${++sessions}` }),
      'GET /api/sites/site-1/collections': ({ headers }: { headers: Record<string, string> }) =>
        headers.authorization === 'Bearer session-2'
          ? collections()
          : reply(401, { error: { code: 'unauthorized', message: 'expired' } }),
    })
    renderPanel()
    expect(await screen.findByText('Webflow collections')).toBeTruthy()
    expect(calls.map((c) => `${c.method} ${c.path}`).filter((c) => !c.endsWith('/site-1'))).toEqual([
      'POST /api/session',
      'GET /api/sites/site-1/collections',
      'POST /api/session',
      'GET /api/sites/site-1/collections',
    ])
  })

  it('renews the session before it expires', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    let sessions = 0
    stubBackend({
      'POST /api/session': () => ({
        ...SESSION,
        token: `session-${++sessions}`,
        expiresAt: new Date(Date.now() + 120_000).toISOString(),
      }),
      'GET /api/sites/site-1/collections': collections(),
    })
    const { designer } = renderPanel()
    await screen.findByTestId('site-name')
    expect(sessions).toBe(1)
    await act(async () => {
      await vi.advanceTimersByTimeAsync(61_000)
    })
    await waitFor(() => expect(sessions).toBe(2))
    expect(designer.getIdToken).toHaveBeenCalledTimes(2)
  })
})
