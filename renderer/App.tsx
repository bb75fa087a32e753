/** The window: left navigation, the header with the unit switcher and sync state, and the current screen. */
import { useEffect } from 'react';
import { associationNotice } from '../shared/api/associationNotice';
import { connection } from './api/session';
import { Dialog } from './components/Dialog';
import { Header } from './components/Header';
import { NavBar } from './components/NavBar';
import { Notices } from './components/Notices';
import { ShortcutHelp, useGlobalShortcuts } from './components/Shortcuts';
import { useApp } from './state/appStore';
import { BatchScreen } from './screens/batch/BatchScreen';
import { BatchesScreen } from './screens/BatchesScreen';
import { PrintLogScreen } from './screens/print/PrintLogScreen';
import { QuickEntryScreen } from './screens/quickEntry/QuickEntryScreen';
import { RecordsScreen } from './screens/records/RecordsScreen';
import { SyncScreen } from './screens/sync/SyncScreen';
import { TodoScreen } from './screens/todo/TodoScreen';
import { UnitsScreen } from './screens/units/UnitsScreen';

const SYNC_POLL_MS = 15_000;

function useStartup(): void {
  useEffect(() => {
    const app = useApp.getState();
    void app.loadUnits();
    void app.loadSchemes();
    void app.refreshSync();
    void app.refreshAuth();
    const conn = connection();
    const offEvent = conn.onEvent((event) => {
      if (event.type === 'sync.status') useApp.getState().setSyncStatus(event.status);
      const notice = associationNotice(event);
      if (notice) useApp.getState().notify('info', notice);
    });
    const offLink = conn.onLinkChange((up) => useApp.getState().setEventLink(up));
    const poll = window.setInterval(() => {
      void useApp.getState().refreshSync();
    }, SYNC_POLL_MS);
    return () => {
      offEvent();
      offLink();
      window.clearInterval(poll);
    };
  }, []);
}

function CurrentScreen() {
  const screen = useApp((s) => s.screen);
  switch (screen.name) {
    case 'units':
      return <UnitsScreen key={screen.unitId ?? ''} {...(screen.unitId ? { openUnitId: screen.unitId } : {})} />;
    case 'batches':
      return <BatchesScreen />;
    case 'batch':
      return <BatchScreen key={screen.batchId} batchId={screen.batchId} step={screen.step} />;
    case 'quickEntry':
      return <QuickEntryScreen initialBatchId={screen.batchId} />;
    case 'sync':
      return <SyncScreen />;
    case 'printLog':
      return <PrintLogScreen />;
    case 'records':
      return <RecordsScreen />;
    case 'todo':
      return <TodoScreen />;
  }
}

export function App() {
  useStartup();
  const help = useGlobalShortcuts();
  return (
    <div className="app">
      <NavBar />
      <div className="main">
        <Header />
        <main className="content">
          <CurrentScreen />
        </main>
      </div>
      <Notices />
      <Dialog />
      {help.open && <ShortcutHelp onClose={help.close} />}
    </div>
  );
}
