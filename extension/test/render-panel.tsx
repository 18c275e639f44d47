import { render } from '@testing-library/react'
import { App } from '../src/app/app'
import { ApiClient } from '../src/lib/api-client'
import { API } from './fake-backend'
import { fakeDesigner } from './fake-designer'

/** The whole panel against a fake Designer and the stubbed fetch. */
export function renderPanel(opts: { canEdit?: boolean; locale?: string } = {}) {
  const fake = fakeDesigner(opts)
  const view = render(<App designer={fake.designer} api={new ApiClient(API)} />)
  return { ...view, ...fake }
}
