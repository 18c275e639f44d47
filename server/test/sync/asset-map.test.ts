import { describe, expect, it } from 'vitest'
import type { AssetRow } from '../../src/db/item-assets'
import {
  echoFromAnswer,
  knownAssetsToWebflow,
  rowsFromAnswer,
  rowsFromPull,
  webflowValueToHub,
} from '../../src/sync/asset-map'
import { changedFieldData } from '../../src/sync/changed-fields'
import { type FieldMemory, NO_MEMORY } from '../../src/sync/field-memory'
import type { FieldMapEntry, HubContent } from '../../src/vocabulary/hub-content'

// The pure decisions behind "the hub keeps its own URL": how values cross between hub and Webflow terms.

const field = (type: FieldMapEntry['type'], slug = type as string): FieldMapEntry => ({
  hubSlug: slug,
  webflowSlug: slug,
  webflowFieldId: `f-${slug}`,
  type,
})
const image = field('image')
const images = field('images')
const rich = field('richText')
const cdn = (id: string, name: string) => `https://cdn.prod.website-files.com/site/${id}_${name}`
const row = (
  f: FieldMapEntry,
  position: number,
  hubUrl: string,
  fileId: string | null,
  url: string | null,
): AssetRow => ({
  itemLinkId: 'il',
  field: f.hubSlug,
  position,
  kind: f.type === 'richText' ? 'richText' : 'image',
  hubUrl,
  hubAlt: null,
  hubHash: 'h',
  webflowFileId: fileId,
  webflowUrl: url,
  status: url ? 'imported' : 'skipped',
  error: url ? null : 'skipped',
})
const mem = (...assets: AssetRow[]): FieldMemory => ({ assets, echoes: [] })
const A = 'https://hub.example/a.png'
const B = 'https://hub.example/b.png'
const Aw = { fileId: 'fa', url: cdn('fa', 'a.png'), alt: null }
const Bw = { fileId: 'fb', url: cdn('fb', 'b.png'), alt: null }
const Cw = { fileId: 'fc', url: cdn('fc', 'c.png'), alt: 'c' }

describe('webflowValueToHub', () => {
  it.each([
    ['an unknown image: Webflow’s own', image, Cw, NO_MEMORY, { url: Cw.url, alt: 'c' }],
    ['the echo of a pushed image: the hub URL', image, Aw, mem(row(image, 0, A, 'fa', Aw.url)), { url: A }],
    ['an image Webflow dropped: still the hub’s', image, null, mem(row(image, 0, B, null, null)), { url: B }],
    [
      'an old image Webflow kept over a skipped one: the hub’s new one',
      image,
      Aw,
      mem(row(image, 0, B, null, null), row(image, 1, A, 'fa', Aw.url)),
      { url: B },
    ],
    [
      'a new image set in Webflow over a skipped one: Webflow’s',
      image,
      Cw,
      mem(row(image, 0, B, null, null)),
      { url: Cw.url, alt: 'c' },
    ],
    [
      'a gallery with one skipped: the hub’s list, in order',
      images,
      [Bw],
      mem(row(images, 0, A, null, null), row(images, 1, B, 'fb', Bw.url)),
      [{ url: A }, { url: B }],
    ],
    [
      'a gallery Webflow added to: hub URLs for the known, Webflow’s for the new',
      images,
      [Aw, Cw],
      mem(row(images, 0, A, 'fa', Aw.url)),
      [{ url: A }, { url: Cw.url, alt: 'c' }],
    ],
    [
      'rich text: imported sources read as the hub’s',
      rich,
      `<p><img src="${cdn('x', 'p.jpg')}"></p>`,
      mem(row(rich, 0, 'https://hub.example/p.jpg', null, cdn('x', 'p.jpg'))),
      '<p><img src="https://hub.example/p.jpg"></p>',
    ],
    ['empty rich text: no value', rich, '', NO_MEMORY, undefined],
  ])('%s', (_name, f, raw, memory, expected) => {
    expect(webflowValueToHub(f, raw, memory)).toEqual(expected)
  })

  it('reads the stored form of a pushed rich text as the value pushed (echo)', () => {
    const echo = echoFromAnswer('<pre><code>x</code></pre>', '<pre></pre>')!
    const memory: FieldMemory = { assets: [], echoes: [{ itemLinkId: 'il', field: 'richText', ...echo }] }
    expect(webflowValueToHub(rich, '<pre></pre>', memory)).toBe('<pre><code>x</code></pre>')
    expect(webflowValueToHub(rich, '<p>edited in Webflow</p>', memory)).toBe('<p>edited in Webflow</p>')
    expect(echoFromAnswer('<p>same</p>', '<p>same</p>')).toBeNull()
  })
})

describe('rowsFromAnswer', () => {
  const statuses = (rows: AssetRow[]) => rows.map((r) => [r.position, r.hubUrl, r.status, r.webflowFileId])
  it.each([
    ['an imported image', image, { url: A }, Aw, NO_MEMORY, [[0, A, 'imported', 'fa']]],
    ['a skipped image (field cleared)', image, { url: A }, null, NO_MEMORY, [[0, A, 'skipped', null]]],
    [
      'a skipped image (Webflow kept the old file)',
      image,
      { url: B },
      Aw,
      mem(row(image, 0, A, 'fa', Aw.url)),
      [
        [0, B, 'skipped', null],
        [1, A, 'imported', 'fa'],
      ],
    ],
    [
      'an alt change of a known image',
      image,
      { url: A, alt: 'x' },
      { ...Aw, alt: 'x' },
      mem(row(image, 0, A, 'fa', Aw.url)),
      [[0, A, 'imported', 'fa']],
    ],
    [
      'a gallery with the middle one skipped, paired by file name',
      images,
      [{ url: A }, { url: 'https://hub.example/big.png' }, { url: B }],
      [Aw, Bw],
      NO_MEMORY,
      [
        [0, A, 'imported', 'fa'],
        [1, 'https://hub.example/big.png', 'skipped', null],
        [2, B, 'imported', 'fb'],
      ],
    ],
    [
      'rich text sources, paired in order',
      rich,
      '<img src="https://hub.example/p.jpg"><img src="https://hub.example/q.jpg">',
      `<figure><div><img src="${cdn('x', 'p.jpg')}"></div></figure><figure><div><img src="${cdn('y', 'q.jpg')}"></div></figure>`,
      NO_MEMORY,
      [
        [0, 'https://hub.example/p.jpg', 'imported', null],
        [1, 'https://hub.example/q.jpg', 'imported', null],
      ],
    ],
  ])('%s', (_name, f, sent, answered, memory, expected) => {
    expect(statuses(rowsFromAnswer(f, 'il', sent, answered, memory))).toEqual(expected)
  })
})

describe('sending and pulling', () => {
  it('sends an asset Webflow holds by its fileId, and others as URLs to import', () => {
    const memory = mem(row(images, 0, A, 'fa', Aw.url))
    expect(knownAssetsToWebflow(images, [{ url: A, alt: 'a' }, { url: B }], memory)).toEqual([
      { fileId: 'fa', url: Aw.url, alt: 'a' },
      { url: B },
    ])
    expect(
      knownAssetsToWebflow(rich, `<img src="${A}">`, mem(row(rich, 0, A, null, cdn('r', 'a.png')))),
    ).toBe(`<img src="${cdn('r', 'a.png')}">`)
  })

  it('remembers the assets of a Webflow-side change, and nothing when nothing new arrived', () => {
    const memory = mem(row(images, 0, A, 'fa', Aw.url))
    expect(rowsFromPull(images, 'il', [Aw], memory)).toBeUndefined()
    expect(rowsFromPull(images, 'il', [Aw, Cw], memory)?.map((r) => [r.hubUrl, r.webflowFileId])).toEqual([
      [A, 'fa'],
      [Cw.url, 'fc'],
    ])
  })
})

describe('changedFieldData', () => {
  const map = [field('text', 'summary'), rich]
  const base: HubContent = {
    name: 'n',
    slug: 's',
    status: 'published',
    fields: { summary: 'a', richText: '<p>x</p>' },
  }
  const data = { name: 'n', slug: 's', summary: 'b', richText: '<p>x</p>' }
  it.each([
    ['only the changed field', { ...base, fields: { ...base.fields, summary: 'b' } }, base, { summary: 'b' }],
    ['a renamed item', { ...base, name: 'm' }, base, { name: 'n' }],
    ['a cleared field', { ...base, fields: { richText: '<p>x</p>' } }, base, { summary: 'b' }],
    ['everything without a base', base, null, data],
  ])('%s', (_name, content, b, expected) => {
    expect(changedFieldData(data, content, b, map)).toEqual(expected)
  })
})
