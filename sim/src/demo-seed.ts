import type { SeedResult } from './control/seed.ts'
import type { Simulator } from './create-simulator.ts'

// The demo workspace `npm run sim` starts with. Ids are fixed so other code (sandbox mode,
// docs, the extension playground) can find "Demo Site" without asking.
export const DEMO = {
  workspaceId: '64f0a1b2c3d4e5f601234567',
  workspaceName: 'Demo Workspace',
  userId: '64f0a1b2c3d4e5f601234568',
  siteId: '64f0a1b2c3d4e5f601234569',
  siteName: 'Demo Site',
  siteShortName: 'demo-site',
  cmsLocaleId: '64f0a1b2c3d4e5f60123456a',
  /** The demo site's secondary locale: French (France). */
  frCmsLocaleId: '64f0a1b2c3d4e5f601234570',
  authorsCollectionId: '64f0a1b2c3d4e5f60123456b',
  postsCollectionId: '64f0a1b2c3d4e5f60123456c',
  categoryOptionIds: {
    news: '64f0a1b2c3d4e5f60123456d',
    guide: '64f0a1b2c3d4e5f60123456e',
    opinion: '64f0a1b2c3d4e5f60123456f',
  },
} as const

const authors = [
  { name: 'Ada Lovelace', slug: 'ada-lovelace', bio: 'Wrote the first program.' },
  { name: 'Grace Hopper', slug: 'grace-hopper', bio: 'Made compilers happen.' },
]

/** Seeds the demo workspace: "Demo Site" (CMS plan, English + French) with Authors and Blog Posts. */
export function seedDemo(sim: Simulator): SeedResult {
  const result = sim.control.seed({
    workspaces: [
      {
        id: DEMO.workspaceId,
        displayName: DEMO.workspaceName,
        user: { id: DEMO.userId, email: 'dana@example.com', firstName: 'Dana', lastName: 'Designer' },
      },
    ],
    sites: [
      {
        id: DEMO.siteId,
        workspaceId: DEMO.workspaceId,
        displayName: DEMO.siteName,
        shortName: DEMO.siteShortName,
        plan: 'cms',
        locales: [
          { cmsLocaleId: DEMO.cmsLocaleId, displayName: 'English', tag: 'en' },
          { cmsLocaleId: DEMO.frCmsLocaleId, displayName: 'French (France)', tag: 'fr-FR' },
        ],
        collections: [
          {
            id: DEMO.authorsCollectionId,
            displayName: 'Authors',
            singularName: 'Author',
            slug: 'authors',
            fields: [{ type: 'PlainText', displayName: 'Bio', slug: 'bio' }],
          },
          {
            id: DEMO.postsCollectionId,
            displayName: 'Blog Posts',
            singularName: 'Blog Post',
            slug: 'blog-posts',
            fields: [
              {
                type: 'Reference',
                displayName: 'Author',
                slug: 'author',
                metadata: { collectionId: DEMO.authorsCollectionId },
              },
              {
                type: 'Option',
                displayName: 'Category',
                slug: 'category',
                metadata: {
                  options: Object.entries(DEMO.categoryOptionIds).map(([name, id]) => ({ name, id })),
                },
              },
              { type: 'Image', displayName: 'Cover', slug: 'cover' },
              { type: 'RichText', displayName: 'Body', slug: 'body' },
              { type: 'DateTime', displayName: 'Published On', slug: 'published-on' },
              { type: 'Switch', displayName: 'Featured', slug: 'featured' },
            ],
          },
        ],
      },
    ],
  })
  // Created as a Designer user would, so every item exists in both locales.
  const authorIds = result.sites[0]?.collections[0]?.itemIds ?? []
  for (const fieldData of authors) {
    const cmsLocaleIds = [DEMO.cmsLocaleId, DEMO.frCmsLocaleId]
    authorIds.push(
      sim.control.designer.createItem(DEMO.authorsCollectionId, { live: true, fieldData, cmsLocaleIds }).id,
    )
  }
  // Ada's French version is translated; Grace's still shows the English text.
  sim.control.designer.updateItem(DEMO.authorsCollectionId, authorIds[0] as string, {
    cmsLocaleId: DEMO.frCmsLocaleId,
    fieldData: { bio: 'A écrit le premier programme.' },
  })
  sim.control.designer.publishItem(
    DEMO.authorsCollectionId,
    authorIds[0] as string,
    undefined,
    DEMO.frCmsLocaleId,
  )
  const posts = [
    { name: 'Hello Bindery', slug: 'hello-bindery', category: DEMO.categoryOptionIds.news, featured: true },
    { name: 'Syncing a CMS', slug: 'syncing-a-cms', category: DEMO.categoryOptionIds.guide, featured: false },
    {
      name: 'Why drafts matter',
      slug: 'why-drafts-matter',
      category: DEMO.categoryOptionIds.opinion,
      featured: false,
    },
  ]
  posts.forEach((post, i) => {
    const item = sim.control.designer.createItem(DEMO.postsCollectionId, {
      live: i < 2,
      fieldData: {
        ...post,
        author: authorIds[i % authorIds.length],
        cover: { url: `https://picsum.photos/seed/${post.slug}/800/400`, alt: post.name },
        body: `<p>${post.name}: sample rich text.</p>`,
        'published-on': new Date(Date.UTC(2025, 0, 10 + i)).toISOString(),
      },
    })
    result.sites[0]?.collections[1]?.itemIds.push(item.id)
  })
  return result
}
