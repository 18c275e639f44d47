import type {
  HubCollectionSummary,
  LinkSummary,
  UpdateLinkRequest,
  WebflowCollectionSummary,
} from '@bindery/shared/api/links'
import { PlanConfirm } from '../../components/plan-confirm'
import { useDeleteLink } from './api/delete-link'
import { useFieldsPlan } from './api/plan-fields'
import { useResyncPlan } from './api/plan-resync'
import { useResyncLink } from './api/resync-link'
import { useUpdateLink } from './api/update-link'
import { DisconnectConfirm } from './disconnect-confirm'
import { FieldEditor } from './field-editor'
import { LinkActions } from './link-actions'

/** What the link screen's lower half shows: the actions, or one of the steps they lead to. */
export type LinkMode =
  | { kind: 'actions' }
  | { kind: 'fields' }
  | { kind: 'fields-plan'; change: UpdateLinkRequest }
  | { kind: 'resync-plan' }
  | { kind: 'disconnect' }

type Props = {
  link: LinkSummary
  mode: LinkMode
  setMode: (mode: LinkMode) => void
  busy: boolean
  /** Runs a change and says how it went; true when it succeeded. */
  act: (what: string, run: () => Promise<unknown>) => Promise<boolean>
  hub: HubCollectionSummary | undefined
  webflow: WebflowCollectionSummary | undefined
  onEditFields?: () => void
  onDisconnected: () => void
}

/** The one step of `mode`, and where each of its buttons leads. */
export function LinkModeView({
  link,
  mode,
  setMode,
  busy,
  act,
  hub,
  webflow,
  onEditFields,
  onDisconnected,
}: Props) {
  const update = useUpdateLink(link.id)
  const resync = useResyncLink(link.id)
  const remove = useDeleteLink(link.id)
  switch (mode.kind) {
    case 'actions':
      return (
        <LinkActions
          link={link}
          busy={busy}
          onSyncNow={() =>
            act('Sync started: pending changes go out, then both sides are compared', () =>
              resync.mutateAsync(false),
            )
          }
          onFullResync={() => setMode({ kind: 'resync-plan' })}
          onTogglePause={() =>
            act(link.state === 'paused' ? 'Sync resumed' : 'Sync paused', () =>
              update.mutateAsync({ paused: link.state !== 'paused' }),
            )
          }
          onChangeFields={() => {
            onEditFields?.()
            setMode({ kind: 'fields' })
          }}
          onDisconnect={() => setMode({ kind: 'disconnect' })}
        />
      )
    case 'fields':
      return (
        <FieldEditor
          link={link}
          hub={hub}
          webflow={webflow}
          onCancel={() => setMode({ kind: 'actions' })}
          onReview={(change) => setMode({ kind: 'fields-plan', change })}
        />
      )
    case 'fields-plan':
      return (
        <FieldsPlan
          linkId={link.id}
          change={mode.change}
          busy={busy}
          onBack={() => setMode({ kind: 'fields' })}
          onApply={async () => {
            if (await act('Field selection saved', () => update.mutateAsync(mode.change)))
              setMode({ kind: 'actions' })
          }}
        />
      )
    case 'resync-plan':
      return (
        <ResyncPlan
          linkId={link.id}
          busy={busy}
          onBack={() => setMode({ kind: 'actions' })}
          onApply={async () => {
            if (await act('Full resync started', () => resync.mutateAsync(true))) setMode({ kind: 'actions' })
          }}
        />
      )
    case 'disconnect':
      return (
        <DisconnectConfirm
          busy={busy}
          onCancel={() => setMode({ kind: 'actions' })}
          onConfirm={async () => {
            if (await act('Disconnected; items stay on both sides', () => remove.mutateAsync()))
              onDisconnected()
          }}
        />
      )
  }
}

type PlanProps = { linkId: string; busy: boolean; onBack: () => void; onApply: () => void }

function FieldsPlan({ change, ...props }: PlanProps & { change: UpdateLinkRequest }) {
  const plan = useFieldsPlan(props.linkId, change)
  return (
    <PlanConfirm
      title="Change fields: the plan"
      plan={plan}
      applyLabel="Apply"
      applying={props.busy}
      onApply={props.onApply}
      onBack={props.onBack}
    />
  )
}

function ResyncPlan(props: PlanProps) {
  const plan = useResyncPlan(props.linkId, true)
  return (
    <PlanConfirm
      title="Full resync: the plan"
      plan={plan}
      applyLabel="Apply"
      applying={props.busy}
      onApply={props.onApply}
      onBack={props.onBack}
    />
  )
}
