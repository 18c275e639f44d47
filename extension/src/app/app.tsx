import { QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { SessionGate } from '../features/session/session-gate'
import type { ApiClient } from '../lib/api-client'
import type { Designer } from '../lib/designer'
import { createQueryClient } from '../lib/query-client'
import { PanelScreens } from './panel-screens'

/** The whole panel, given how to reach the Designer and the backend (tests hand in their own). */
export function App({ designer, api }: { designer: Designer; api: ApiClient }) {
  const [queryClient] = useState(createQueryClient)
  return (
    <QueryClientProvider client={queryClient}>
      <main className="app">
        <SessionGate designer={designer} api={api}>
          <PanelScreens />
        </SessionGate>
      </main>
    </QueryClientProvider>
  )
}
