import type { ItemSyncState } from '@bindery/shared/api/links'
import { showValue } from '../../lib/show-value'

/** Field by field, where the hub and Webflow hold different values right now. */
export function ItemDiff({ diff }: { diff: ItemSyncState['diff'] }) {
  return (
    <table className="diff" aria-label="Differences between the hub and Webflow">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Hub</th>
          <th scope="col">Webflow</th>
        </tr>
      </thead>
      <tbody>
        {diff.map((d) => (
          <tr key={d.field} data-testid="diff-row">
            <th scope="row">{d.field}</th>
            <td>{showValue(d.hub)}</td>
            <td>{showValue(d.webflow)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
