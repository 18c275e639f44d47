import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { collections, SESSION, stubBackend } from './fake-backend'
import { siteStatus } from './fixtures'
import { renderPanel } from './render-panel'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('site notices', () => {
  it('shows "Reconnect Bindery" with the install link when Webflow refuses the token', async () => {
    stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': collections(),
      'GET /api/sites/site-1': siteStatus({
        needsReinstall: true,
        tokenRejectedAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
      }),
    })
    const open = vi.fn(() => ({ closed: false }) as unknown as Window)
    vi.stubGlobal('open', open)
    renderPanel({ canEdit: false })
    const box = await screen.findByTestId('reconnect')
    expect(within(box).getByText(/Webflow refuses Bindery’s access to this site since 2 h ago/)).toBeTruthy()
    expect(within(box).getByRole('link', { name: 'Open the install page' }).getAttribute('href')).toBe(
      'http://api.test/oauth/install?popup=1',
    )
    // Reinstalling is a workspace admin's act in Webflow, not a panel role: read-only users may start it.
    within(box).getByRole('button', { name: 'Reconnect Bindery' }).click()
    expect(open).toHaveBeenCalledWith(
      'http://api.test/oauth/install?popup=1',
      'bindery-install',
      expect.any(String),
    )
  })

  it('says nothing while the token works, and says when support paused the site', async () => {
    stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': collections(),
      'GET /api/sites/site-1': siteStatus({}, true),
    })
    renderPanel()
    expect(await screen.findByText('Sync is paused for this whole site')).toBeTruthy()
    expect(screen.queryByTestId('reconnect')).toBeNull()
  })
})
