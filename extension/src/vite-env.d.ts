/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The Bindery backend the panel talks to (default http://localhost:3000). */
  readonly VITE_BINDERY_API_URL?: string
}
