import type { ItemSyncState } from '@bindery/shared/api/links'
import { act, cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { collections, link, SESSION, stubBackend } from './fake-backend'
import { entry, HUB_ITEM, LINK_ID } from './fixtures'
import { openLink } from './open-link'
import { renderPanel } from './render-panel'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const item = (over: Partial<ItemSyncState> = {}): ItemSyncState => ({
  linked: true,
  linkId: LINK_ID,
  hubItemId: HUB_ITEM,
  name: 'Ada King',
  state: 'synced',
  lastPushedAt: null,
  lastPulledAt: new Date().toISOString(),
  lastError: null,
  diff: [],
  changesNotLive: false,
  ...over,
})
const base = '/api/sites/site-1/webflow-items/wf-item-1'

describe('item history', () => {
  it('lists each change with side, who, when and fields before → after, and restores one field', async () => {
    const user = userEvent.setup()
    const { calls } = stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': collections(),
      [`GET ${base}`]: item(),
      [`GET ${base}/history`]: {
        hubItemId: HUB_ITEM,
        linkId: LINK_ID,
        entries: [
          entry(),
          entry({
            id: '41',
            side: 'hub',
            actor: { kind: 'api-key', name: 'CMS importer' },
            action: 'item.update',
            changes: [
              { field: 'name', before: 'Ada', after: 'Ada Lovelace' },
              { field: 'bio', before: null, after: 'Mathematician' },
            ],
          }),
        ],
        nextBefore: null,
      },
      [`POST ${base}/restore`]: { hubItemId: HUB_ITEM, version: 7, restored: ['name'], pushQueued: true },
    })
    const { emitCmsItem, designer } = renderPanel()
    await screen.findByText('Webflow collections')
    act(() => emitCmsItem('wf-item-1'))
    const history = await screen.findByTestId('item-history')
    await waitFor(() => expect(within(history).getAllByTestId('history-entry')).toHaveLength(2))
    const [newest, older] = within(history).getAllByTestId('history-entry')
    expect(newest!.textContent).toMatch(/^Webflow Designer: Dana Designer10 min ago/)
    expect(newest!.textContent).toContain('nameRestoreAda Lovelace → Ada King')
    expect(older!.textContent).toMatch(/^Hub API key: CMS importer/)
    expect(older!.textContent).toContain('bioRestore— → Mathematician')

    await user.click(within(older!).getByRole('button', { name: 'Restore name to “Ada Lovelace”' }))
    await waitFor(() =>
      expect(designer.notify).toHaveBeenCalledWith('Success', 'Restored name; Webflow follows'),
    )
    expect(calls.find((c) => c.path === `${base}/restore`)?.body).toEqual({ entryId: '41', fields: ['name'] })

    await user.click(within(older!).getByRole('button', { name: 'Restore this version' }))
    await waitFor(() => expect(calls.filter((c) => c.path === `${base}/restore`)).toHaveLength(2))
    expect(calls.filter((c) => c.path === `${base}/restore`)[1]?.body).toEqual({ entryId: '41' })
  })

  it('pages to older changes', async () => {
    const user = userEvent.setup()
    const { calls } = stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': collections(),
      [`GET ${base}`]: item(),
      [`GET ${base}/history`]: ({ url }: { url: URL }) =>
        url.searchParams.get('before')
          ? { hubItemId: HUB_ITEM, linkId: LINK_ID, entries: [entry({ id: '3' })], nextBefore: null }
          : { hubItemId: HUB_ITEM, linkId: LINK_ID, entries: [entry({ id: '9' })], nextBefore: '9' },
    })
    const { emitCmsItem } = renderPanel()
    await screen.findByText('Webflow collections')
    act(() => emitCmsItem('wf-item-1'))
    const history = await screen.findByTestId('item-history')
    await user.click(await within(history).findByRole('button', { name: 'Older changes' }))
    await waitFor(() => expect(within(history).getAllByTestId('history-entry')).toHaveLength(2))
    expect(calls.filter((c) => c.path === `${base}/history`)).toHaveLength(2)
  })
})

describe('collection restore', () => {
  it('restores the collection to a point in time after asking once more, and says what changed', async () => {
    const L = link()
    const { calls } = stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': collections([L]),
      [`GET /api/sites/site-1/links/${L.id}`]: L,
      [`POST /api/sites/site-1/links/${L.id}/restore`]: {
        linkId: L.id,
        at: '2026-12-01T10:00:00.000Z',
        changed: 3,
        undeleted: 1,
        deleted: 2,
        unchanged: 34,
        skipped: [],
      },
    })
    const { user, designer } = await openLink()
    const box = screen.getByTestId('collection-restore')
    await user.click(within(box).getByText('Restore the collection'))
    const go = within(box).getByRole('button', { name: 'Restore to this point…' }) as HTMLButtonElement
    expect(go.disabled).toBe(true)
    const input = within(box).getByLabelText('As it was at') as HTMLInputElement
    await user.type(input, '2026-12-01T10:00')
    await user.click(go)
    expect(within(box).getByText('Restore the whole collection?')).toBeTruthy()
    expect(calls.some((c) => c.path.endsWith('/restore'))).toBe(false)
    await user.click(within(box).getByRole('button', { name: 'Restore' }))
    await waitFor(() =>
      expect(designer.notify).toHaveBeenCalledWith(
        'Success',
        'Restored: 3 changed back, 1 brought back, 2 removed',
      ),
    )
    expect(calls.find((c) => c.path.endsWith('/restore'))?.body).toEqual({
      at: new Date('2026-12-01T10:00').toISOString(),
    })
    expect(within(box).getByTestId('restore-result').textContent).toMatch(/34 unchanged/)
  }, 20_000)
})
