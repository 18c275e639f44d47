import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { collections, link, SESSION, stubBackend } from './fake-backend'
import { plan } from './fixtures'
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

const importPlan = plan({
  hub: { create: 3, update: 0, publish: 2, unpublish: 0, archive: 0, delete: 0 },
  cost: {
    requests: 2,
    byKind: { list: 2 },
    queuedAhead: 0,
    perMinute: 120,
    seconds: 1,
    summary: '2 requests ≈ 1 s at 120/min',
  },
})

describe('connect wizard', () => {
  it('imports a Webflow collection with the choices made, after showing the dry run’s plan', async () => {
    const user = userEvent.setup()
    const { calls } = stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': collections(),
      'POST /api/sites/site-1/plans/connect': importPlan,
      'POST /api/sites/site-1/links': created,
      [`GET /api/sites/site-1/links/${created.id}`]: created,
      [`GET /api/sites/site-1/links/${created.id}/errors`]: { items: [] },
    })
    const { designer } = renderPanel()
    await user.click(await screen.findByRole('button', { name: 'Connect a collection' }))
    expect(designer.setExtensionSize).toHaveBeenLastCalledWith('large')

    // 1. Start
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
    // 4. Choices, each explained in one line
    expect(screen.getByRole('radio', { name: /Two-way.*Edits on either side reach the other/ })).toBeTruthy()
    await user.click(screen.getByRole('radio', { name: /Hold for review.*waits, untouched/ }))
    await user.click(screen.getByRole('radio', { name: /Archive instead.*nothing is lost/ }))
    await user.click(screen.getByRole('checkbox', { name: /Publish the site after sync.*custom domains/ }))
    await user.click(screen.getByRole('button', { name: 'Next' }))
    // 5. The plan, from a dry run; nothing is created before Connect
    expect((await screen.findByTestId('plan-cost')).textContent).toBe('2 requests ≈ 1 s at 120/min')
    const row = within(screen.getByTestId('plan-create'))
    expect(row.getAllByRole('cell').map((c) => c.textContent)).toEqual(['0', '3'])
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/sites/site-1/links')).toBe(false)
    expect(screen.getByTestId('confirm').textContent).toMatch(
      /Syncing name, slug and body: Two-way, hold for review/,
    )
    await user.click(screen.getByRole('button', { name: 'Connect' }))

    await screen.findByRole('progressbar', { name: 'Initial sync' })
    const body = {
      mode: 'import',
      webflowCollectionId: 'wf-posts',
      fields: ['body'],
      direction: 'two-way',
      conflictPolicy: 'review',
      deleteMode: 'archive',
      publishSite: true,
    }
    expect(calls.find((c) => c.path === '/api/sites/site-1/plans/connect')?.body).toEqual(body)
    expect(calls.find((c) => c.method === 'POST' && c.path === '/api/sites/site-1/links')?.body).toEqual(body)
    expect(designer.setExtensionSize).toHaveBeenLastCalledWith('comfortable')
    expect(designer.notify).toHaveBeenCalledWith('Success', expect.stringMatching(/initial sync has started/))
  }, 20_000)

  it('publishes one way (hub → Webflow): no conflict policy to choose, fields to create in the plan', async () => {
    const user = userEvent.setup()
    const { calls } = stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': collections(),
      'POST /api/sites/site-1/plans/connect': plan({
        webflow: { create: 2, update: 0, publish: 2, unpublish: 0, archive: 0, delete: 0 },
        collectionToCreate: { displayName: 'Authors', slug: 'authors' },
        fieldsToCreate: [{ slug: 'bio', displayName: 'Bio', type: 'text' }],
      }),
    })
    renderPanel()
    await user.click(await screen.findByRole('button', { name: 'Connect a collection' }))
    await user.click(screen.getByRole('radio', { name: /Publish a hub collection/ }))
    await user.click(screen.getByRole('button', { name: 'Next' }))
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Hub collection' }),
      '22222222-2222-4222-8222-222222222222',
    )
    await user.click(screen.getByRole('button', { name: 'Next' }))
    await user.click(screen.getByRole('button', { name: 'Next' }))
    await user.click(screen.getByRole('radio', { name: /Hub → Webflow/ }))
    expect(screen.queryByRole('radio', { name: /Newest wins/ })).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Next' }))
    expect((await screen.findByTestId('plan-fields')).textContent).toBe('Creates in Webflow: Bio (text).')
    expect(screen.getByText(/Creates the Webflow collection/).textContent).toBe(
      'Creates the Webflow collection Authors.',
    )
    expect(calls.find((c) => c.path.endsWith('/plans/connect'))?.body).toMatchObject({
      mode: 'publish',
      direction: 'push-only',
      fields: ['bio'],
    })
  }, 20_000)

  it('links an existing pair: pairs fields whose names differ, explains incompatible pairs, sends which side wins', async () => {
    const user = userEvent.setup()
    const data = collections()
    data.hub[0]!.fields.push({ slug: 'age', name: 'Age', type: 'number' })
    data.webflow[0]!.fields = [
      { id: 'f1', slug: 'biography', displayName: 'Biography', type: 'PlainText', hubType: 'text' },
      { id: 'f9', slug: 'age', displayName: 'Age', type: 'PlainText', hubType: 'text' },
    ]
    const { calls } = stubBackend({
      'POST /api/session': SESSION,
      'GET /api/sites/site-1/collections': data,
      'POST /api/sites/site-1/plans/connect': plan(),
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

    // Different names: nothing pairs by itself; each option says whether its type fits.
    const bio = screen.getByRole('combobox', { name: 'Webflow field for Bio' }) as HTMLSelectElement
    expect(bio.value).toBe('')
    const age = screen.getByRole('combobox', { name: 'Webflow field for Age' }) as HTMLSelectElement
    expect([...age.options].map((o) => o.textContent)).toEqual([
      'Don’t sync',
      'Biography · PlainText (incompatible)',
      'Age · PlainText (incompatible)',
    ])
    await user.selectOptions(age, 'age')
    expect(screen.getByRole('note').textContent).toMatch(
      /Hub number cannot sync with Webflow PlainText \(it pairs with Number\)/,
    )
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true)
    await user.selectOptions(age, '')
    // The other way round: the hub field for a Webflow field.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Hub field for Biography' }), 'bio')
    expect(bio.value).toBe('biography')
    await user.click(screen.getByRole('button', { name: 'Next' }))
    await user.click(screen.getByRole('button', { name: 'Next' }))
    await screen.findByTestId('plan')
    await user.click(screen.getByRole('button', { name: 'Connect' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Already linked')
    expect(calls.find((c) => c.method === 'POST' && c.path.endsWith('/links'))?.body).toMatchObject({
      mode: 'link',
      fields: [{ hubSlug: 'bio', webflowSlug: 'biography' }],
      firstMatchWinner: 'hub',
    })
  }, 20_000)

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
