/** 续保提醒 (Wuxi) on the unit's page: persons whose cover ends soon or ended lately, not yet renewed; exported as the renewal roster. */
import { useEffect, useState } from 'react';
import type { RenewalReminderList } from '../../../shared/api/dto';
import { toApiFailure } from '../../api/apiFailure';
import { api } from '../../api/session';
import { M } from '../../i18n/messages';
import { attempt } from '../../state/appStore';
import { saveDownload } from '../../util/files';

export function RenewalReminders({ unitId }: { unitId: string }) {
  const [list, setList] = useState<RenewalReminderList | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    let live = true;
    setList(null);
    setProblem(null);
    api()
      ['units.renewalReminders']({ unitId })
      .then((l) => live && setList(l))
      .catch((e: unknown) => live && setProblem(toApiFailure(e, M.errors.generic).message));
    return () => {
      live = false;
    };
  }, [unitId]);

  const exportList = async () => {
    setExporting(true);
    const file = await attempt(() => api()['units.exportRenewalReminders']({ unitId }));
    setExporting(false);
    if (file) saveDownload(file);
  };

  return (
    <section className="panel renewal-reminders" aria-label={M.renewal.title} data-testid="renewal-reminders">
      <div className="toolbar">
        <h2>{M.renewal.title}</h2>
        {list && <span className="muted small">{M.renewal.count(list.reminders.length)}</span>}
        <span className="spacer" />
        <button type="button" className="button small" disabled={exporting || !list || list.reminders.length === 0} onClick={() => void exportList()} data-testid="export-renewal">
          {M.renewal.export}
        </button>
      </div>
      <p className="muted small">
        {M.renewal.hint}
        {list && M.renewal.asOf(list.today)}
      </p>
      {problem && <p className="bad small">{problem}</p>}
      {list && list.reminders.length === 0 && <p className="empty">{M.renewal.empty}</p>}
      {list && list.reminders.length > 0 && (
        <table className="table compact">
          <thead>
            <tr>
              <th>{M.renewal.colName}</th>
              <th>{M.renewal.colDocument}</th>
              <th>{M.renewal.colDays}</th>
              <th>{M.renewal.colEnd}</th>
              <th>{M.renewal.colBatch}</th>
            </tr>
          </thead>
          <tbody>
            {list.reminders.map((r) => (
              <tr key={`${r.batch.id}-${r.personId}`} data-reminder={r.documentNumber}>
                <td>{r.name}</td>
                <td className="mono">{r.documentNumber}</td>
                <td className={r.daysLeft < 0 ? 'bad' : r.daysLeft <= 7 ? 'warn' : ''}>{M.renewal.daysLeft(r.daysLeft)}</td>
                <td>{r.coverEnd}</td>
                <td>
                  {r.batch.title}
                  {r.renewingIn && <div className="small good">{M.renewal.renewing(r.renewingIn.title)}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
