/**
 * 待办事项: what needs the clerk, for the current unit or every unit of the window, soonest
 * due first; each item opens the place where it is done. Read again when a batch changes or
 * the unit's record arrives from the association.
 */
import { useCallback, useEffect, useState } from 'react';
import { TODO_KINDS, type TodoItem, type TodoKind, type TodoList } from '../../../shared/api/todoDto';
import { api, connection } from '../../api/session';
import { ScopeChips, type Scope } from '../../components/ScopeChips';
import { M } from '../../i18n/messages';
import { attempt, useApp } from '../../state/appStore';

function DueCell({ item }: { item: TodoItem }) {
  if (item.dueOn === undefined || item.daysLeft === undefined) return <td>{M.common.dash}</td>;
  return (
    <td className={item.daysLeft < 0 ? 'overdue' : item.daysLeft <= 3 ? 'due-soon' : ''}>
      {item.dueOn} <span className="muted">{M.todo.daysLeft(item.daysLeft)}</span>
    </td>
  );
}

export function TodoScreen() {
  const unitId = useApp((s) => s.currentUnitId);
  const recordPulledAt = useApp((s) => s.sync.status?.recordPulledAt ?? null);
  const navigate = useApp((s) => s.navigate);
  const selectUnit = useApp((s) => s.selectUnit);
  const [scope, setScope] = useState<Scope>('unit');
  const [kind, setKind] = useState<TodoKind | ''>('');
  const [list, setList] = useState<TodoList | null>(null);

  const load = useCallback(async () => {
    const input = { ...(scope === 'unit' && unitId ? { unitId } : {}), ...(kind ? { kinds: [kind] } : {}) };
    const result = await attempt(() => api()['todo.list'](input));
    if (result) setList(result);
  }, [scope, unitId, kind]);

  useEffect(() => {
    void load();
    return connection().onEvent((e) => {
      if (e.type === 'batch.changed') void load();
    });
  }, [load, recordPulledAt]);

  const open = (item: TodoItem) => {
    if (item.opens.screen === 'batch') navigate({ name: 'batch', batchId: item.opens.batchId, step: item.opens.step });
    else {
      selectUnit(item.opens.unitId);
      navigate({ name: 'units', unitId: item.opens.unitId });
    }
  };

  return (
    <section className="panel grow todo" data-testid="todo">
      <div className="toolbar">
        <h1>{M.todo.title}</h1>
        <ScopeChips scope={scope} onChange={setScope} />
        <label className="field inline">
          <span>{M.todo.kind}</span>
          <select className="input" name="kind" value={kind} onChange={(e) => setKind(e.target.value as TodoKind | '')}>
            <option value="">{M.todo.allKinds}</option>
            {TODO_KINDS.map((k) => (
              <option key={k} value={k}>
                {M.todo.kinds[k]}
                {list ? ` (${list.counts[k]})` : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list && list.items.length === 0 && <p className="muted">{M.todo.empty}</p>}
      {list && list.items.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="todo-table">
            <thead>
              <tr>
                <th>{M.todo.colKind}</th>
                <th>{M.todo.colUnit}</th>
                <th>{M.todo.colWhat}</th>
                <th>{M.todo.colDue}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.items.map((item, i) => (
                <tr key={`${item.kind}-${item.batch?.id ?? item.unitId}-${i}`} data-todo={item.kind}>
                  <td>{M.todo.kinds[item.kind]}</td>
                  <td>{item.unitName}</td>
                  <td>{item.text}</td>
                  <DueCell item={item} />
                  <td className="actions">
                    <button type="button" className="button small" onClick={() => open(item)}>
                      {M.todo.open}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
