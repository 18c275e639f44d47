import { describe, expect, it } from 'vitest'
import { fieldCompatibility, type HubFieldShape, type WebflowFieldShape } from '../src/field-compat'

describe('fieldCompatibility: which hub field pairs with which Webflow field', () => {
  const table: [string, HubFieldShape, WebflowFieldShape, boolean, RegExp?][] = [
    [
      'text ↔ PlainText, slugs differ',
      { slug: 'summary', type: 'text' },
      { slug: 'excerpt', type: 'PlainText' },
      true,
    ],
    ['number ↔ Number', { slug: 'price', type: 'number' }, { slug: 'cost', type: 'Number' }, true],
    ['text ↔ RichText', { slug: 'body', type: 'text' }, { slug: 'body', type: 'RichText' }, false, /markup/],
    [
      'email ↔ PlainText',
      { slug: 'mail', type: 'email' },
      { slug: 'mail', type: 'PlainText' },
      false,
      /Webflow checks/,
    ],
    ['text ↔ Email', { slug: 'mail', type: 'text' }, { slug: 'mail', type: 'Email' }, false, /refuses/],
    [
      'image ↔ MultiImage',
      { slug: 'pic', type: 'image' },
      { slug: 'pics', type: 'MultiImage' },
      false,
      /gallery/,
    ],
    [
      'unsyncable Webflow type',
      { slug: 'x', type: 'text' },
      { slug: 'x', type: 'User' },
      false,
      /cannot sync Webflow User/,
    ],
    [
      'built-in name',
      { slug: 'title', type: 'text' },
      { slug: 'name', type: 'PlainText' },
      false,
      /always synced/,
    ],
    [
      'select with every option',
      { slug: 'kind', type: 'select', options: ['a', 'b'] },
      { slug: 'kind', type: 'Option', options: ['a', 'b', 'c'] },
      true,
    ],
    [
      'select missing an option',
      { slug: 'kind', type: 'select', options: ['a', 'z'] },
      { slug: 'kind', type: 'Option', options: ['a'] },
      false,
      /lacks the options z/,
    ],
    [
      'reference to the linked collection',
      { slug: 'author', type: 'reference', referencesWebflowCollection: 'wf-people' },
      { slug: 'writer', type: 'Reference', collectionId: 'wf-people' },
      true,
    ],
    [
      'reference to another collection',
      { slug: 'author', type: 'reference', referencesWebflowCollection: 'wf-people' },
      { slug: 'writer', type: 'Reference', collectionId: 'wf-tags' },
      false,
      /another collection/,
    ],
    [
      'reference whose hub collection is not linked',
      { slug: 'author', type: 'reference', referencesWebflowCollection: null },
      { slug: 'writer', type: 'Reference', collectionId: 'wf-people' },
      false,
      /not connected yet/,
    ],
  ]
  it.each(table)('%s', (_name, hub, webflow, ok, reason) => {
    const out = fieldCompatibility(hub, webflow)
    expect(out.ok).toBe(ok)
    if (!out.ok && reason) expect(out.reason).toMatch(reason)
  })
})
