import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO, type DemoSim, http, startDemo } from './helpers.ts'

// Images, files and rich text as Webflow stores them (docs/webflow.md "Images and files", "Rich text").

const posts = DEMO.postsCollectionId
let t: DemoSim

beforeEach(async () => {
  t = await startDemo()
})
afterEach(async () => {
  await t.sim.close()
})

const create = (fieldData: Record<string, unknown>, query = '') =>
  http(t.sim, 'POST', `/v2/collections/${posts}/items${query}`, {
    token: t.token,
    body: {
      fieldData: { name: 'Post', slug: `post-${Math.random().toString(36).slice(2, 8)}`, ...fieldData },
    },
  })
const patch = (id: string, fieldData: Record<string, unknown>, query = '') =>
  http(t.sim, 'PATCH', `/v2/collections/${posts}/items/${id}${query}`, {
    token: t.token,
    body: { fieldData },
  })
const assets = async () => (await http(t.sim, 'GET', '/_sim/counters')).json.assets

describe('image and file values', () => {
  it('imports a URL: Webflow answers its own fileId and a CDN url, keeping the alt', async () => {
    const res = await create({ cover: { url: 'https://hub.example/img/cat.png', alt: 'A cat' } })
    expect(res.status).toBe(202)
    const cover = res.json.fieldData.cover
    expect(cover.fileId).toMatch(/^[0-9a-f]{24}$/)
    expect(cover.url).toBe(`https://cdn.prod.website-files.com/${DEMO.siteId}/${cover.fileId}_cat.png`)
    expect(cover.alt).toBe('A cat')
  })

  it('references an asset it already holds by fileId or CDN url, without importing it again', async () => {
    const first = (await create({ cover: { url: 'https://hub.example/a.png' } })).json
    const before = await assets()
    const again = await patch(first.id, { cover: { ...first.fieldData.cover, alt: 'new alt' } })
    expect(again.json.fieldData.cover).toMatchObject({ fileId: first.fieldData.cover.fileId, alt: 'new alt' })
    const after = await assets()
    expect(after.imported).toBe(before.imported)
    expect(after.reused).toBe(before.reused + 1)
  })

  it('silently drops an image that is too large or unreachable (skipInvalidFiles defaults to true)', async () => {
    const big = await create({ cover: { url: 'https://hub.example/big.png?sim-bytes=5000000' } })
    expect(big.status).toBe(202)
    expect(big.json.fieldData.cover ?? null).toBeNull()
    const gone = await create({ cover: { url: 'https://hub.example/x.png?sim-unreachable=1' } })
    expect(gone.json.fieldData.cover ?? null).toBeNull()
    expect((await assets()).skipped).toBe(2)
  })

  it('fails the request with 400 naming the field when skipInvalidFiles=false', async () => {
    const res = await create(
      { cover: { url: 'https://hub.example/big.png?sim-bytes=5000000' } },
      '?skipInvalidFiles=false',
    )
    expect(res.status).toBe(400)
    expect(res.json.details[0].param).toBe('cover')
  })

  it('on update clears the field or keeps the old file, per skippedFileOnUpdate', async () => {
    const item = (await create({ cover: { url: 'https://hub.example/a.png' } })).json
    const bad = { cover: { url: 'https://hub.example/b.png?sim-unreachable=1' } }
    expect((await patch(item.id, bad)).json.fieldData.cover ?? null).toBeNull()
    const item2 = (await create({ cover: { url: 'https://hub.example/a.png' } })).json
    await http(t.sim, 'PUT', '/_sim/config', { body: { skippedFileOnUpdate: 'keep' } })
    expect((await patch(item2.id, bad)).json.fieldData.cover).toEqual(item2.fieldData.cover)
  })

  it('enforces the file limit separately (10 MB) from the image limit (4 MB)', async () => {
    await http(t.sim, 'PUT', '/_sim/config', { body: { imageMaxBytes: 100 } })
    const res = await create(
      { cover: { url: 'https://hub.example/a.png?sim-bytes=101' } },
      '?skipInvalidFiles=false',
    )
    expect(res.status).toBe(400)
  })
})

describe('rich text', () => {
  it('wraps a bare image in Webflow figure markup and imports its source', async () => {
    const res = await create({ body: '<p>Hi</p><p><img src="https://hub.example/p.jpg" alt="P"></p>' })
    const body: string = res.json.fieldData.body
    expect(body).toMatch(
      /^<p>Hi<\/p><figure class="w-richtext-figure-type-image w-richtext-align-fullwidth" data-rt-type="image" data-rt-align="fullwidth"><div><img src="https:\/\/cdn\.prod\.website-files\.com\/[0-9a-f]{24}\/[0-9a-f]{24}_p\.jpg" alt="P"><\/div><\/figure>$/,
    )
  })

  it('keeps markup that is already Webflow’s, byte for byte (a video embed)', async () => {
    const embed =
      '<figure class="w-richtext-figure-type-video w-richtext-align-fullwidth" style="padding-bottom:56.25%" data-rt-type="video" data-rt-align="fullwidth" data-rt-max-width="" data-rt-max-height="56.25%" data-rt-dimensions="0:0" data-page-url="https://www.youtube.com/watch?v=abc"><div><iframe allowfullscreen="true" frameborder="0" scrolling="no" src="https://www.youtube.com/embed/abc" title="A talk"></iframe></div></figure>'
    expect((await create({ body: embed })).json.fieldData.body).toBe(embed)
  })

  it('empties code blocks written through the API (documented)', async () => {
    const res = await create({ body: '<p>a</p><pre><code>x = 1</code></pre>' })
    expect(res.json.fieldData.body).toBe('<p>a</p><pre></pre>')
  })

  it('keeps image sources and bare images as sent when the switches say so', async () => {
    await http(t.sim, 'PUT', '/_sim/config', { body: { richTextImages: 'keep', richTextFigures: false } })
    const html = '<p><img src="https://hub.example/p.jpg"></p>'
    expect((await create({ body: html })).json.fieldData.body).toBe(html)
  })
})
