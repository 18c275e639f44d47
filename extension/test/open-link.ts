import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { renderPanel } from './render-panel'

/** Renders the panel and opens the Authors link's screen. */
export async function openLink(opts: { canEdit?: boolean } = {}) {
  const user = userEvent.setup()
  const panel = renderPanel(opts)
  await user.click((await screen.findAllByRole('button', { name: 'Status of Authors' }))[0]!)
  await screen.findByTestId('count-synced')
  return { user, ...panel }
}
