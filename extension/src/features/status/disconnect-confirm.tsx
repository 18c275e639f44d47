import { Notice } from '../../components/notice'

type Props = { busy: boolean; onConfirm: () => void; onCancel: () => void }

/** "Disconnect this collection?": syncing stops, items stay on both sides. */
export function DisconnectConfirm({ busy, onConfirm, onCancel }: Props) {
  return (
    <Notice
      tone="warning"
      title="Disconnect this collection?"
      action={
        <div className="row">
          <button type="button" className="button button-danger" disabled={busy} onClick={onConfirm}>
            Disconnect
          </button>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      }
    >
      <p>Syncing stops. Items stay in the hub and in Webflow.</p>
    </Notice>
  )
}
