/** The renderer's entry: connects to the core through whichever host is present, then shows the app. */
import { createRoot } from 'react-dom/client';
import { connect } from './api/connection';
import { setConnection } from './api/session';
import { App } from './App';
import { M } from './i18n/messages';

document.title = M.app.title;
const root = createRoot(document.getElementById('root')!);
setConnection(connect(window));
root.render(<App />);
