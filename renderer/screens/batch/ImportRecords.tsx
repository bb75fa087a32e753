/** 导入记录 (Qingdao 导入批次): each roster import of the batch with its 成功人数 / 失败人数. */
import { useEffect, useState } from 'react';
import type { ImportRecordView } from '../../../shared/api/dto';
import { toApiFailure } from '../../api/apiFailure';
import { api } from '../../api/session';
import { M } from '../../i18n/messages';
import { formatTimestamp } from '../../util/dates';

export function ImportRecords({ batchId, version }: { batchId: string; version: number }) {
  const [records, setRecords] = useState<ImportRecordView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api()
      ['roster.imports']({ batchId })
      .then((r) => live && setRecords(r))
      .catch((e: unknown) => live && setProblem(toApiFailure(e, M.errors.generic).message));
    return () => {
      live = false;
    };
  }, [batchId, version]);

  if (problem) return <p className="bad small">{problem}</p>;
  if (!records) return <p className="muted small">{M.common.loading}</p>;
  if (records.length === 0) return <p className="muted small">{M.importRecords.empty}</p>;
  return (
    <table className="table compact import-records" data-testid="import-records">
      <thead>
        <tr>
          <th>{M.importRecords.colAt}</th>
          <th>{M.importRecords.colFile}</th>
          <th>{M.importRecords.colMode}</th>
          <th>{M.importRecords.colPhase}</th>
          <th className="num">{M.importRecords.colAccepted}</th>
          <th className="num">{M.importRecords.colRejected}</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => (
          <tr key={r.jobId}>
            <td>{formatTimestamp(r.startedAt)}</td>
            <td>{r.fileName}</td>
            <td>{M.importRecords.mode[r.mode]}</td>
            <td>
              {M.roster.phase[r.phase]}
              {r.error && <div className="bad small">{r.error.message}</div>}
              {r.ignoredColumns && <div className="muted small">{M.roster.ignoredColumns(r.ignoredColumns)}</div>}
            </td>
            <td className="num">{r.accepted}</td>
            <td className="num">{r.rejected}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
