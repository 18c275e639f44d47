import { QueryClient } from '@tanstack/react-query'
import { ApiError } from './api-client'

/**
 * The panel's query cache. Answers stay fresh for a few seconds (live updates arrive over the link's
 * event stream and refresh what they touch); a request is retried once only when the server could
 * not be reached — an error answer is shown as it is, with "Try again".
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: false,
        retry: (failures, err) => failures < 1 && err instanceof ApiError && err.code === 'network_error',
        retryDelay: 500,
      },
      mutations: { retry: false },
    },
  })
}
