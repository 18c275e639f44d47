import sanitizeHtml from 'sanitize-html'

/**
 * Hosts whose players Webflow's rich-text video embeds use (docs/webflow.md "Rich text"): an
 * `<iframe>` from anywhere else is removed with its figure's content left intact.
 */
export const EMBED_HOSTS = [
  'www.youtube.com',
  'youtube.com',
  'www.youtube-nocookie.com',
  'player.vimeo.com',
  'cdn.embedly.com',
]

/** Webflow's own rich-text classes: `w-richtext-figure-type-image|video`, `w-richtext-align-…`. */
const WEBFLOW_CLASSES = [/^w-richtext-figure-type-(image|video)$/, /^w-richtext-align-[a-z]+$/]
const LENGTH = [/^\d+(\.\d+)?(px|%)$/]

/**
 * The one allowlist for rich text, applied to every richText value written to the hub, from the
 * content API or pulled from Webflow. It keeps what Webflow itself produces (figures with their
 * `w-richtext-*` classes, `data-rt-*` attributes and sizing styles, video embeds as an `<iframe>`
 * from a known player host with a fixed set of attributes) and drops everything else: scripts, other
 * styles and iframes, event handlers, `javascript:`/`data:` URLs (images included: Webflow hosts its
 * own assets, and a data: URL is a classic smuggling route).
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'em',
    'b',
    'i',
    'u',
    's',
    'a',
    'ul',
    'ol',
    'li',
    'blockquote',
    'code',
    'pre',
    'br',
    'hr',
    'img',
    'figure',
    'figcaption',
    'div',
    'iframe',
    'table',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'caption',
    'span',
    'sub',
    'sup',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'data-rt-*'],
    figure: ['class', 'style', 'data-rt-*', 'data-page-url'],
    div: ['data-rt-*'],
    iframe: [
      'src',
      'title',
      'width',
      'height',
      'frameborder',
      'scrolling',
      'allowfullscreen',
      'allow',
      'class',
    ],
    p: ['data-rt-*'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedClasses: { figure: WEBFLOW_CLASSES, iframe: ['embedly-embed'] },
  allowedStyles: { figure: { 'padding-bottom': LENGTH, 'max-width': LENGTH, width: LENGTH } },
  allowedIframeHostnames: EMBED_HOSTS,
  allowIframeRelativeUrls: false,
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // Dropped with their content: what is inside a script or style is never text a reader should see.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'object', 'embed', 'svg', 'math'],
  disallowedTagsMode: 'discard',
  // An iframe whose source was not allowed has lost its src: it goes altogether.
  exclusiveFilter: (frame) => frame.tag === 'iframe' && !frame.attribs.src,
  transformTags: {
    // A link that opens a new tab must not hand the opener to the target page.
    a: (tagName, attribs) =>
      attribs.target === '_blank'
        ? { tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }
        : { tagName, attribs },
  },
}

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS)
}
