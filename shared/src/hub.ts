import { z } from 'zod'
import { type UrlKind, unsafeUrlReason } from './safe-url'

/** Field types of hub collections, and the Webflow field type each maps to. */
export const HubFieldType = z.enum([
  'text',
  'richText',
  'number',
  'date',
  'boolean',
  'link',
  'email',
  'phone',
  'color',
  'select',
  'reference',
  'multiReference',
  'image',
  'images',
  'file',
  'video',
])
export type HubFieldType = z.infer<typeof HubFieldType>

export const WEBFLOW_TYPE_OF: Record<HubFieldType, string> = {
  text: 'PlainText',
  richText: 'RichText',
  number: 'Number',
  date: 'DateTime',
  boolean: 'Switch',
  link: 'Link',
  email: 'Email',
  phone: 'Phone',
  color: 'Color',
  select: 'Option',
  reference: 'Reference',
  multiReference: 'MultiReference',
  image: 'Image',
  images: 'MultiImage',
  file: 'File',
  video: 'VideoLink',
}

/** The hub type for a Webflow field type, or undefined for types Bindery does not sync. */
export function hubTypeOf(webflowType: string): HubFieldType | undefined {
  return (Object.keys(WEBFLOW_TYPE_OF) as HubFieldType[]).find((t) => WEBFLOW_TYPE_OF[t] === webflowType)
}

export const ItemStatus = z.enum(['draft', 'published', 'archived'])
export type ItemStatus = z.infer<typeof ItemStatus>

export const Slug = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens')

/** A URL that will be an `href` or `src`: only the schemes of its kind (see safe-url.ts). */
const SafeUrl = (kind: UrlKind) =>
  z
    .string()
    .max(2048)
    .superRefine((value, ctx) => {
      const reason = unsafeUrlReason(value, kind)
      if (reason) ctx.addIssue({ code: 'custom', message: reason })
    })

const Asset = z.strictObject({ url: SafeUrl('web'), alt: z.string().max(500).optional() })

/** How a value of each hub type is written and read. `null` clears a field. */
export const FIELD_VALUE: Record<HubFieldType, z.ZodType> = {
  text: z.string().max(10_000),
  richText: z.string().max(500_000),
  number: z.number().finite(),
  date: z.iso.datetime({ offset: true }),
  boolean: z.boolean(),
  link: SafeUrl('link'),
  email: z.email(),
  phone: z.string().regex(/^[+()0-9 .-]{3,32}$/, 'a phone number'),
  color: z.string().regex(/^(#[0-9a-fA-F]{3,8}|rgba?\([^)]*\)|hsla?\([^)]*\)|[a-zA-Z]+)$/, 'a CSS colour'),
  select: z.string().min(1),
  reference: z.uuid(),
  multiReference: z.array(z.uuid()).max(100),
  image: Asset,
  images: z.array(Asset).max(25),
  file: Asset,
  video: SafeUrl('web'),
}

export const HubField = z.strictObject({
  slug: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z][a-z0-9-]*$/, 'lowercase letters, digits and hyphens, starting with a letter')
    .refine((s) => s !== 'name' && s !== 'slug', 'name and slug are built in'),
  name: z.string().min(1).max(100),
  type: HubFieldType,
  required: z.boolean().default(false),
  /** select: the allowed option names. */
  options: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
  /** reference / multiReference: the referenced hub collection. */
  referenceCollectionId: z.uuid().optional(),
})
export type HubField = z.infer<typeof HubField>
