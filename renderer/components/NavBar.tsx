/** The left navigation; Alt+1…7 reach the same places. */
import { M } from '../i18n/messages';
import { useApp, type Screen } from '../state/appStore';

export const NAV_ITEMS: readonly { screen: Screen['name']; label: string; key: string }[] = [
  { screen: 'units', label: M.nav.units, key: '1' },
  { screen: 'batches', label: M.nav.batches, key: '2' },
  { screen: 'quickEntry', label: M.nav.quickEntry, key: '3' },
  { screen: 'sync', label: M.nav.sync, key: '4' },
  { screen: 'printLog', label: M.nav.printLog, key: '5' },
  { screen: 'records', label: M.nav.records, key: '6' },
  { screen: 'todo', label: M.nav.todo, key: '7' },
];

export function navigateTo(name: Screen['name']): void {
  const app = useApp.getState();
  if (name === 'batch') return;
  app.navigate({ name } as Screen);
}

function isActive(current: Screen['name'], item: Screen['name']): boolean {
  return current === item || (item === 'batches' && current === 'batch');
}

export function NavBar() {
  const current = useApp((s) => s.screen.name);
  return (
    <nav className="nav" aria-label={M.nav.label}>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">{M.app.brandMark}</span>
        <span className="brand-name">{M.app.title}</span>
      </div>
      <ul>
        {NAV_ITEMS.map((item) => (
          <li key={item.screen}>
            <button
              type="button"
              className={isActive(current, item.screen) ? 'nav-item active' : 'nav-item'}
              onClick={() => navigateTo(item.screen)}
              title={M.shortcuts.altKey(item.key)}
            >
              {item.label}
              <kbd>{M.shortcuts.altKey(item.key)}</kbd>
            </button>
          </li>
        ))}
      </ul>
      <div className="nav-foot muted">{M.shortcuts.helpHint}</div>
    </nav>
  );
}
