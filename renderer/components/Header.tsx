/** The bar above every screen: the current unit (switchable in one step), and the sync indicator. */
import { M } from '../i18n/messages';
import { useApp } from '../state/appStore';
import { SyncIndicator } from './SyncIndicator';
import { UnitSwitcher } from './UnitSwitcher';

export function Header() {
  const auth = useApp((s) => s.auth);
  return (
    <header className="header">
      <UnitSwitcher />
      <div className="header-right">
        {auth.status?.loggedIn && <span className="muted">{M.auth.loggedInAs(auth.status.account ?? '')}</span>}
        <SyncIndicator />
      </div>
    </header>
  );
}
