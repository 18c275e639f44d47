import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { collections, link, SESSION, stubBackend } from './fake-backend'
import { renderPanel } from './render-panel'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const created = link({
  id: '33333333-3333-4333-8333-333333333333',
  webflowCollectionId: 'wf-posts',
  state: 'connecting',
  progress: { done: 0, total: 3 },
  counts: { synced: 0, pending: 3, failed: 0, conflict: 0 },
})

describe('connect wizard', () => {
  it('imports a Webflow collection: direction, collection, fields with name/slug locked, confirm', async () => {
    const user = userEvent.setup()
    const { calls } = stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': collections(),
      'POST /api/sites/site-1/links': created,
      [`GET /api/sites/site-1/links/${created.id}`]: created,
      [`GET /api/sites/site-1/links/${created.id}/errors`]: { items: [] },
    })
    const { designer } = renderPanel()
    await user.click(await screen.findByRole('button', { name: 'Connect a collection' }))
    expect(designer.setExtensionSize).toHaveBeenLastCalledWith('large')

    // 1. Direction
    await user.click(screen.getByRole('radio', { name: /Import a Webflow collection/ }))
    await user.click(screen.getByRole('button', { name: 'Next' }))
    // 2. Collection: Next stays disabled until one is chosen
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true)
    await user.selectOptions(screen.getByRole('combobox', { name: 'Webflow collection' }), 'wf-posts')
    await user.click(screen.getByRole('button', { name: 'Next' }))
    // 3. Fields
    const name = screen.getByRole('checkbox', { name: /Name/ }) as HTMLInputElement
    const slug = screen.getByRole('checkbox', { name: /Slug/ }) as HTMLInputElement
    expect([name.checked, name.disabled, slug.checked, slug.disabled]).toEqual([true, true, true, true])
    expect(screen.getByText('richText → RichText')).toBeTruthy()
    const price = screen.getByRole('checkbox', { name: /Price/ }) as HTMLInputElement
    expect(price.disabled).toBe(true)
    expect(screen.getByText('Price fields belong to e-commerce and are not synced.')).toBeTruthy()
    await user.click(screen.getByRole('checkbox', { name: /Featured/ }))
    await user.click(screen.getByRole('button', { name: 'Next' }))
    // 4. Confirm
    expect(screen.getByTestId('confirm').textContent).toMatch(/Syncing name, slug and body/)
    await user.click(screen.getByRole('button', { name: 'Connect' }))

    await screen.findByRole('progressbar', { name: 'Initial sync' })
    const post = calls.find((c) => c.method === 'POST' && c.path === '/api/sites/site-1/links')
    expect(post?.body).toEqual({
      mode: 'import',
      webflowCollectionId: 'wf-posts',
      fields: ['body'],
      direction: 'two-way',
      conflictPolicy: 'newest',
      deleteMode: 'delete',
    })
    expect(designer.setExtensionSize).toHaveBeenLastCalledWith('comfortable')
    expect(designer.notify).toHaveBeenCalledWith('Success', expect.stringMatching(/initial sync has started/))
  })

  it('links an existing pair: explains fields that cannot pair and sends which side wins', async () => {
    const user = userEvent.setup()
    const data = collections()
    data.hub[0]!.fields.push({ slug: 'age', name: 'Age', type: 'number' })
    data.webflow[0]!.fields.push({
      id: 'f9',
      slug: 'age',
      displayName: 'Age',
      type: 'PlainText',
      hubType: 'text',
    })
    const { calls } = stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': data,
      'POST /api/sites/site-1/links': {
        status: 409,
        body: { error: { code: 'conflict', message: 'Already linked' } },
      },
    })
    renderPanel()
    await user.click(await screen.findByRole('button', { name: 'Connect a collection' }))
    await user.click(screen.getByRole('radio', { name: /Link an existing pair/ }))
    await user.click(screen.getByRole('button', { name: 'Next' }))
    await user.selectOptions(screen.getByRole('combobox', { name: 'Webflow collection' }), 'wf-authors')
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Hub collection' }),
      '22222222-2222-4222-8222-222222222222',
    )
    await user.click(screen.getByRole('radio', { name: /Keep the hub’s values/ }))
    await user.click(screen.getByRole('button', { name: 'Next' }))
    expect(screen.getByText(/Types differ: number in the hub, PlainText in Webflow/)).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Next' }))
    await user.click(screen.getByRole('button', { name: 'Connect' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Already linked')
    expect(calls.find((c) => c.method === 'POST' && c.path.endsWith('/links'))?.body).toMatchObject({
      mode: 'link',
      fields: [{ hubSlug: 'bio', webflowSlug: 'bio' }],
      firstMatchWinner: 'hub',
    })
  })

  it('starts on the collection step from a row’s Connect button, and Cancel goes back', async () => {
    stubBackend({ 'POST /api/session': SESSION, 'GET /api/sites/site-1/collections': collections() })
    const { designer } = renderPanel()
    fireEvent.click(await screen.findByRole('button', { name: 'Connect Blog Posts' }))
    expect((screen.getByRole('combobox', { name: 'Webflow collection' }) as HTMLSelectElement).value).toBe(
      'wf-posts',
    )
    fireEvent.click(screen.getByRole('button', { name: 'Back' }))
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(screen.getByText('Webflow collections')).toBeTruthy())
    expect(designer.setExtensionSize).toHaveBeenLastCalledWith('comfortable')
  })
})
