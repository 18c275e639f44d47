import { describe, expect, it } from 'vitest'
import { sanitizeRichText } from '../../src/vocabulary/sanitize-rich-text'

describe('sanitizeRichText', () => {
  it.each([
    ['a script tag', '<p>a<script>alert(1)</script>b</p>', '<p>ab</p>'],
    ['an uppercase script tag', '<SCRIPT SRC=//x.js></SCRIPT>ok', 'ok'],
    ['an onerror handler', '<img src="https://x/a.png" onerror="alert(1)">', '<img src="https://x/a.png" />'],
    ['an onclick handler', '<p onclick="alert(1)">x</p>', '<p>x</p>'],
    ['a javascript: href', '<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['a mixed-case javascript: href', '<a href=" JaVaScRiPt:alert(1)">x</a>', '<a>x</a>'],
    ['a tab-obfuscated javascript: href', '<a href="jav&#x09;ascript:alert(1)">x</a>', '<a>x</a>'],
    ['an entity-encoded javascript: href', '<a href="&#106;avascript:alert(1)">x</a>', '<a>x</a>'],
    ['a newline-obfuscated javascript: src', '<img src="jav&#x0A;ascript:alert(1)">', '<img />'],
    ['a vbscript: href', '<a href="vbscript:msgbox(1)">x</a>', '<a>x</a>'],
    ['a data: URL in an img src', '<img src="data:image/svg+xml;base64,PHN2Zz4=">', '<img />'],
    ['a data: URL in a href', '<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a>x</a>'],
    ['svg with onload', '<svg onload="alert(1)"><circle r="1"/></svg>ok', 'ok'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>ok', 'ok'],
    ['a style tag and attribute', '<style>p{}</style><p style="background:url(x)">x</p>', '<p>x</p>'],
    ['an object/embed', '<object data="x.swf"></object><embed src="x.swf">ok', 'ok'],
    ['a form', '<form action="https://x"><input name="a"><button>b</button></form>', 'b'],
    ['a protocol-relative URL', '<a href="//evil.example">x</a>', '<a>x</a>'],
    ['a meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">ok', 'ok'],
  ])('removes %s', (_name, input, expected) => {
    expect(sanitizeRichText(input)).toBe(expected)
  })

  it('keeps the allowed structure, links and images', () => {
    const html =
      '<h2>Title</h2><p><strong>b</strong> <em>i</em> <u>u</u> <s>s</s> <code>c</code><sub>1</sub><sup>2</sup></p>' +
      '<ul><li>a</li></ul><ol><li>b</li></ol><blockquote>q</blockquote><pre>p</pre><hr />' +
      '<a href="https://example.com" title="t">l</a> <a href="mailto:a@example.com">m</a> <a href="tel:+123">t</a>' +
      '<figure><img src="https://cdn.example.com/a.png" alt="a" width="10" height="20" /><figcaption>c</figcaption></figure>' +
      '<table><thead><tr><th>h</th></tr></thead><tbody><tr><td colspan="2">d</td></tr></tbody></table>'
    expect(sanitizeRichText(html)).toBe(html)
  })

  // Webflow's own markup (docs/webflow.md "Rich text") survives a round trip through the hub.
  const video = (src: string, extra = '') =>
    '<figure class="w-richtext-figure-type-video w-richtext-align-fullwidth" style="padding-bottom:56.25%" ' +
    'data-rt-type="video" data-rt-align="fullwidth" data-rt-max-height="56.25%" data-rt-dimensions="0:0" ' +
    `data-page-url="https://www.youtube.com/watch?v=abc"><div><iframe allowfullscreen="true" frameborder="0" scrolling="no" src="${src}" title="A talk"${extra}></iframe></div></figure>`
  const image =
    '<figure class="w-richtext-figure-type-image w-richtext-align-center" style="max-width:640px" data-rt-type="image" ' +
    'data-rt-align="center"><div><img src="https://cdn.prod.website-files.com/a/b_c.png" alt="c" loading="lazy" /></div>' +
    '<figcaption>Caption</figcaption></figure>'
  it.each([
    ['a YouTube video embed', video('https://www.youtube.com/embed/abc')],
    ['a youtube-nocookie embed', video('https://www.youtube-nocookie.com/embed/abc')],
    ['a Vimeo embed', video('https://player.vimeo.com/video/123')],
    ['an embedly embed', video('https://cdn.embedly.com/widgets/media.html?src=https%3A%2F%2Fvimeo.com%2F1')],
    ['an image figure with caption', image],
    ['an emptied code block', '<p>a</p><pre></pre>'],
  ])('keeps Webflow’s %s byte for byte', (_name, html) => {
    expect(sanitizeRichText(html)).toBe(html)
  })

  it.each([
    ['an iframe from another host', video('https://evil.example/embed'), '<figure class'],
    ['an http (not https) YouTube iframe', video('http://www.youtube.com/embed/abc'), '<figure class'],
    ['a javascript: iframe', '<iframe src="javascript:alert(1)"></iframe>ok', 'ok'],
    ['a protocol-relative iframe', '<iframe src="//www.youtube.com/embed/a"></iframe>ok', 'ok'],
    ['a srcdoc iframe', '<iframe srcdoc="<script>alert(1)</script>"></iframe>ok', 'ok'],
  ])('rejects %s', (_name, html, startsWith) => {
    const out = sanitizeRichText(html)
    expect(out).not.toContain('<iframe')
    expect(out.startsWith(startsWith)).toBe(true)
  })

  it.each([
    ['an onload handler', video('https://www.youtube.com/embed/abc', ' onload="alert(1)"')],
    [
      'a srcdoc',
      video('https://www.youtube.com/embed/abc', ' srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"'),
    ],
    ['a sandbox override', video('https://www.youtube.com/embed/abc', ' sandbox="allow-scripts"')],
  ])('strips %s from an allowed iframe, keeping the embed', (_name, html) => {
    expect(sanitizeRichText(html)).toBe(video('https://www.youtube.com/embed/abc'))
  })

  it.each([
    [
      'a foreign class',
      '<figure class="evil w-richtext-align-center"><div>x</div></figure>',
      '<figure class="w-richtext-align-center"><div>x</div></figure>',
    ],
    [
      'a style beyond sizing',
      '<figure style="background:url(x);padding-bottom:50%"><div>x</div></figure>',
      '<figure style="padding-bottom:50%"><div>x</div></figure>',
    ],
    [
      'a handler on a figure',
      '<figure onclick="x" data-rt-type="image"><div>x</div></figure>',
      '<figure data-rt-type="image"><div>x</div></figure>',
    ],
    [
      'a script inside a figure',
      '<figure><div><script>alert(1)</script>x</div></figure>',
      '<figure><div>x</div></figure>',
    ],
  ])('strips %s from Webflow’s markup', (_name, html, expected) => {
    expect(sanitizeRichText(html)).toBe(expected)
  })

  it('adds rel=noopener to links that open a new tab', () => {
    expect(sanitizeRichText('<a href="https://x.example" target="_blank">x</a>')).toBe(
      '<a href="https://x.example" target="_blank" rel="noopener noreferrer">x</a>',
    )
  })

  it('is idempotent', () => {
    const once = sanitizeRichText('<p onclick="x">a<script>b</script><a href="javascript:c">d</a></p>')
    expect(sanitizeRichText(once)).toBe(once)
  })
})
