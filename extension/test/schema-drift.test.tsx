import type { SchemaDrift } from '@bindery/shared/api/schema-drift'
import { cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { collections, link, SESSION, stubBackend } from './fake-backend'
import { renderPanel } from './render-panel'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const at = new Date().toISOString()
const drift = (over: Partial<SchemaDrift>): SchemaDrift => ({
  kind: 'fieldRenamed',
  webflowFieldId: 'f1',
  webflowSlug: 'bio',
  hubSlug: 'bio',
  name: 'Biography',
  message: '"Bio" is now called "Biography" in Webflow; it keeps syncing.',
  reaction: 'followed',
  at,
  ...over,
})
const recreated = drift({
  kind: 'fieldRecreated',
  webflowFieldId: 'f2',
  webflowSlug: 'summary',
  hubSlug: 'summary',
  name: 'Summary',
  message:
    '"Summary" was deleted and created again in Webflow as "summary-1": re-map it to keep syncing; hub values are kept.',
  reaction: 'needsAction',
  candidateFieldId: 'f9',
})
const gone = drift({
  kind: 'collectionDeleted',
  webflowFieldId: null,
  webflowSlug: null,
  hubSlug: null,
  name: 'collection',
  message: 'The Webflow collection was deleted: recreate it in Webflow or disconnect the link.',
  reaction: 'needsAction',
})

async function open(l: ReturnType<typeof link>, over: Record<string, unknown> = {}, canEdit = true) {
  const path = `/api/sites/site-1/links/${l.id}`
  const backend = stubBackend({
    'POST /api/session': SESSION,
    'GET /api/sites/site-1/collections': collections([l]),
    [`GET ${path}`]: l,
    [`GET ${path}/errors`]: { items: [] },
    ...over,
  })
  const user = userEvent.setup()
  const panel = renderPanel({ canEdit })
  await user.click((await screen.findAllByRole('button', { name: 'Status of Authors' }))[0]!)
  await screen.findByTestId('count-synced')
  return { user, path, ...backend, ...panel }
}

describe("the panel's schema drift display", () => {
  it('says nothing when Webflow’s schema did not change', async () => {
    await open(link())
    expect(screen.queryByTestId('schema-drift')).toBeNull()
  })

  it('lists what changed as "Webflow\'s fields changed: …" and re-maps a recreated field in one click', async () => {
    const l = link({ schemaDrift: [drift({}), recreated] })
    const { user, calls, path, designer } = await open(l, {
      [`POST /api/sites/site-1/links/${link().id}/schema/remap`]: link({ schemaDrift: [drift({})] }),
    })
    const box = screen.getByTestId('schema-drift')
    expect(within(box).getByText("Webflow's fields changed: Biography, Summary")).toBeTruthy()
    expect(within(box).getByText(/now called "Biography"/)).toBeTruthy()
    await user.click(within(box).getByRole('button', { name: 'Re-map Summary' }))
    await waitFor(() =>
      expect(calls.find((c) => c.path === `${path}/schema/remap`)?.body).toEqual({
        hubSlug: 'summary',
        webflowFieldId: 'f9',
      }),
    )
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Re-map Summary' })).toBeNull())
    expect(designer.notify).toHaveBeenCalledWith('Success', expect.stringMatching(/re-mapped/))
  })

  it('offers "Recreate in Webflow" or "Disconnect" for a deleted collection, and recreates only when asked', async () => {
    const l = link({ state: 'error', lastError: gone.message, schemaDrift: [gone] })
    const { user, calls, path } = await open(l, {
      [`POST /api/sites/site-1/links/${link().id}/schema/recreate`]: link({ state: 'syncing' }),
    })
    const box = screen.getByTestId('schema-drift')
    expect(within(box).getByText('The Webflow collection was deleted')).toBeTruthy()
    expect(calls.some((c) => c.path.endsWith('/schema/recreate'))).toBe(false)
    await user.click(within(box).getByRole('button', { name: 'Disconnect' }))
    expect(screen.getByText('Disconnect this collection?')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    await user.click(
      within(screen.getByTestId('schema-drift')).getByRole('button', { name: 'Recreate in Webflow' }),
    )
    await waitFor(() => expect(calls.filter((c) => c.path === `${path}/schema/recreate`)).toHaveLength(1))
  })

  it('shows a read-only designer what changed, without the buttons', async () => {
    await open(link({ schemaDrift: [recreated] }), {}, false)
    const box = screen.getByTestId('schema-drift')
    expect(within(box).getByText(/created again in Webflow/)).toBeTruthy()
    expect(within(box).queryByRole('button')).toBeNull()
  })

  it('dismisses the list', async () => {
    const { user, calls, path } = await open(link({ schemaDrift: [drift({})] }), {
      [`POST /api/sites/site-1/links/${link().id}/schema/dismiss`]: link({ schemaDrift: [] }),
    })
    await user.click(within(screen.getByTestId('schema-drift')).getByRole('button', { name: 'Dismiss' }))
    await waitFor(() => expect(screen.queryByTestId('schema-drift')).toBeNull())
    expect(calls.some((c) => c.path === `${path}/schema/dismiss`)).toBe(true)
  })
})
