import './lib/zod-jitless'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app'
import { ApiClient, apiBaseUrl } from './lib/api-client'
import { hasWebflowGlobal, webflowDesigner } from './lib/designer'
import './styles/tokens.css'
import './styles/app.css'

const root = createRoot(document.getElementById('root')!)
if (hasWebflowGlobal()) {
  root.render(
    <StrictMode>
      <App designer={webflowDesigner()} api={new ApiClient(apiBaseUrl())} />
    </StrictMode>,
  )
} else {
  root.render(
    <p className="notice notice-error" role="alert">
      Bindery runs inside the Webflow Designer. Open it from the Apps panel, or try it in the playground (npm
      start, then /playground).
    </p>,
  )
}
