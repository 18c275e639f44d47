import { describe, expect, it } from 'vitest'
import { FIELD_VALUE } from '../src/hub'
import { type UrlKind, unsafeUrlReason } from '../src/safe-url'

const cases: [string, UrlKind, boolean][] = [
  ['https://example.com/a?b=c#d', 'web', true],
  ['http://example.com', 'web', true],
  ['HTTPS://EXAMPLE.COM', 'web', true],
  ['https://example.com', 'link', true],
  ['mailto:ada@example.com', 'link', true],
  ['tel:+44 20 7946 0000', 'link', true],
  ['mailto:ada@example.com', 'web', false],
  ['tel:+442079460000', 'web', false],
  ['mailto:', 'link', false],
  ['javascript:alert(1)', 'link', false],
  ['javascript:alert(1)', 'web', false],
  ['JavaScript:alert(1)', 'link', false],
  ['java\tscript:alert(1)', 'link', false],
  ['java\nscript:alert(1)', 'link', false],
  [' javascript:alert(1)', 'link', false],
  ['\u0001javascript:alert(1)', 'link', false],
  ['https://example.com ', 'web', false],
  ['data:text/html,<script>alert(1)</script>', 'link', false],
  ['data:image/png;base64,iVBORw0KGgo=', 'web', false],
  ['vbscript:msgbox(1)', 'link', false],
  ['file:///etc/passwd', 'web', false],
  ['ftp://example.com/x', 'web', false],
  ['//example.com/x', 'web', false],
  ['/relative/path', 'link', false],
  ['example.com', 'link', false],
  ['', 'link', false],
]

describe('unsafeUrlReason', () => {
  it.each(cases)('%j as %s → safe: %s', (value, kind, safe) => {
    expect(unsafeUrlReason(value, kind) === undefined).toBe(safe)
  })

  it('names the refused scheme', () => {
    expect(unsafeUrlReason('javascript:alert(1)', 'link')).toBe(
      'the scheme "javascript:" is not allowed (only http, https, mailto, tel)',
    )
  })
})

describe('hub field values that become links', () => {
  const table: [keyof typeof FIELD_VALUE, unknown, boolean][] = [
    ['link', 'https://example.com', true],
    ['link', 'mailto:ada@example.com', true],
    ['link', 'javascript:alert(1)', false],
    ['video', 'https://youtu.be/x', true],
    ['video', 'tel:+123', false],
    ['video', 'data:video/mp4;base64,AAAA', false],
    ['image', { url: 'https://cdn.example.com/a.png' }, true],
    ['image', { url: 'javascript:alert(1)' }, false],
    ['file', { url: 'data:application/pdf;base64,AAAA' }, false],
    ['images', [{ url: 'https://a.example/1.png' }, { url: 'data:image/png;base64,AA' }], false],
  ]
  it.each(table)('%s %j → valid: %s', (type, value, valid) => {
    expect(FIELD_VALUE[type].safeParse(value).success).toBe(valid)
  })
})
