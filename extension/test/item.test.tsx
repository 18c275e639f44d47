import type { ItemSyncState } from '@bindery/shared/api/links'
import { act, cleanup, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { collections, SESSION, stubBackend } from './fake-backend'
import { renderPanel } from './render-panel'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const state = (over: Partial<ItemSyncState> = {}): ItemSyncState => ({
  linked: true,
  linkId: '11111111-1111-4111-8111-111111111111',
  hubItemId: 'h1',
  name: 'Ada Lovelace',
  state: 'synced',
  lastPushedAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
  lastPulledAt: null,
  lastError: null,
  diff: [],
  changesNotLive: false,
  ...over,
})

describe('the item on the canvas', () => {
  it('appears only on a CMS item page, with state, last push and pull', async () => {
    stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': collections(),
      'GET /api/sites/site-1/webflow-items/wf-item-1': state(),
    })
    const { emitCmsItem } = renderPanel()
    await screen.findByText('Webflow collections')
    expect(screen.queryByTestId('item-view')).toBeNull()
    act(() => emitCmsItem('wf-item-1'))
    expect((await screen.findByTestId('item-state')).textContent).toBe('In sync')
    const view = screen.getByTestId('item-view')
    expect(within(view).getByText('Ada Lovelace')).toBeTruthy()
    expect(within(view).getByText('2 h ago')).toBeTruthy()
    expect(within(view).getByText('never')).toBeTruthy()
    expect(within(view).getByText('Both sides hold the same values.')).toBeTruthy()
    act(() => emitCmsItem(null))
    expect(screen.queryByTestId('item-view')).toBeNull()
  })

  it('says "changes not live" for a live item with newer changes in Webflow', async () => {
    stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': collections(),
      'GET /api/sites/site-1/webflow-items/wf-item-3': state({ changesNotLive: true }),
    })
    const { emitCmsItem } = renderPanel()
    await screen.findByText('Webflow collections')
    act(() => emitCmsItem('wf-item-3'))
    expect((await screen.findByTestId('item-not-live')).textContent).toContain('changes not live')
    expect(screen.getByTestId('item-state').textContent).toBe('In sync')
  })

  it('shows a field-by-field diff when the sides differ', async () => {
    stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': collections(),
      'GET /api/sites/site-1/webflow-items/wf-item-2': state({
        state: 'conflict',
        diff: [
          { field: 'name', hub: 'Ada King', webflow: 'Ada Lovelace' },
          { field: 'body', hub: '<p>New <b>text</b></p>', webflow: null },
        ],
      }),
    })
    const { emitCmsItem } = renderPanel()
    await screen.findByText('Webflow collections')
    act(() => emitCmsItem('wf-item-2'))
    expect((await screen.findByTestId('item-state')).textContent).toBe('Conflict')
    const rows = screen.getAllByTestId('diff-row').map((r) => [...r.children].map((c) => c.textContent))
    expect(rows).toEqual([
      ['name', 'Ada King', 'Ada Lovelace'],
      ['body', 'New text', '—'],
    ])
  })

  it('asks for the diff of the locale the Designer shows, and names it', async () => {
    stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': collections(),
      'GET /api/sites/site-1/webflow-items/wf-fr': ({ url }: { url: URL }) =>
        url.searchParams.get('locale') === 'fr-FR'
          ? state({
              state: 'pending',
              locale: 'fr-FR',
              diff: [{ field: 'bio', hub: 'Pionnière.', webflow: 'A écrit le premier programme.' }],
            })
          : state(),
    })
    const { emitCmsItem } = renderPanel({ locale: 'fr-FR' })
    await screen.findByText('Webflow collections')
    act(() => emitCmsItem('wf-fr'))
    expect((await screen.findByTestId('item-locale')).textContent).toBe('fr-FR')
    const rows = screen.getAllByTestId('diff-row').map((r) => [...r.children].map((c) => c.textContent))
    expect(rows).toEqual([['bio', 'Pionnière.', 'A écrit le premier programme.']])
  })

  it('says when the item’s collection is not synced, and when its state cannot be loaded', async () => {
    stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': collections(),
      'GET /api/sites/site-1/webflow-items/wf-3': state({ linked: false, state: 'not_linked', name: null }),
    })
    const { emitCmsItem } = renderPanel()
    await screen.findByText('Webflow collections')
    act(() => emitCmsItem('wf-3'))
    expect(await screen.findByText(/collection is not connected to the hub/)).toBeTruthy()
    act(() => emitCmsItem('wf-missing'))
    expect(await screen.findByText("The item's state could not be loaded")).toBeTruthy()
  })
})
