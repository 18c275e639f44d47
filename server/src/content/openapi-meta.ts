/** OpenAPI names shared by the content routes and the document's definition (`openapi.ts`). */
export const TAG = { collections: 'Collections', items: 'Items', locales: 'Locales' } as const
export const SECURITY_SCHEME = 'apiKey'
export const SECURITY = [{ [SECURITY_SCHEME]: [] }]
