/** Shown when the page was opened without the launch token (a reload, or a bookmarked address). */
import { M } from '../i18n/messages';

export function NoConnection() {
  return (
    <div className="no-connection">
      <h1>{M.app.title}</h1>
      <p>{M.connection.noToken}</p>
      <p className="muted">{M.connection.noTokenHint}</p>
    </div>
  );
}
