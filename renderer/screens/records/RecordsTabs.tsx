/** What the records screen shows: 参保记录, 个人保单查询 or 理赔记录. */
import { M } from '../../i18n/messages';

export type RecordsView = 'records' | 'person' | 'claims';
const VIEWS: readonly RecordsView[] = ['records', 'person', 'claims'];

export function RecordsTabs({ view, onChange }: { view: RecordsView; onChange: (view: RecordsView) => void }) {
  return (
    <div className="chips" role="tablist" aria-label={M.recordViews.label} data-testid="records-tabs">
      {VIEWS.map((v) => (
        <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'chip active' : 'chip'} onClick={() => onChange(v)} data-view={v}>
          {M.recordViews[v]}
        </button>
      ))}
    </div>
  );
}
