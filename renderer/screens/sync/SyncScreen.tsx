/**
 * 同步: online or offline, what waits in the outbox, what is being sent with progress, what
 * failed and why, and a retry; plus the unit account the sync logs in with.
 */
import { useState } from 'react';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { ProgressBar } from '../../components/ProgressBar';
import { M } from '../../i18n/messages';
import { attempt, useApp } from '../../state/appStore';
import { formatTimestamp } from '../../util/dates';
import { blockerText } from './blockerText';
import { useNow } from './useNow';

export function SyncScreen() {
  const sync = useApp((s) => s.sync);
  const setSyncStatus = useApp((s) => s.setSyncStatus);
  const refreshSync = useApp((s) => s.refreshSync);
  const navigate = useApp((s) => s.navigate);
  const [retrying, setRetrying] = useState(false);

  const retry = async () => {
    setRetrying(true);
    const status = await attempt(() => api()['sync.retryNow']({}));
    setRetrying(false);
    if (status) setSyncStatus(status);
  };

  const s = sync.status;
  const blocker = s?.blocker ?? null;
  const now = useNow(blocker !== null && 'nextAttemptAt' in blocker && blocker.nextAttemptAt !== null);
  return (
    <div className="split">
      <section className="panel grow">
        <div className="toolbar">
          <h1>{M.sync.title}</h1>
          <span className="spacer" />
          <button type="button" className="button" onClick={() => void refreshSync()}>
            {M.common.refresh}
          </button>
          <button type="button" className="button primary" onClick={() => void retry()} disabled={retrying || sync.availability !== 'available'} data-testid="sync-retry">
            {M.sync.retryNow}
          </button>
        </div>
        {sync.error && <Callout tone="error">{sync.error}</Callout>}
        {s && (
          <>
            {blocker && (
              <Callout tone={blocker.kind === 'refused' ? 'error' : 'warn'} testId="sync-blocker">
                <strong>{M.sync.whyTitle}</strong> {blockerText(blocker, now)}
              </Callout>
            )}
            <div className="cards">
              <div className={s.online ? 'card good' : 'card warn'}>
                <div className="card-label">{M.sync.connection}</div>
                <div className="card-value small-value">{s.online ? M.sync.online : M.sync.offline}</div>
              </div>
              <div className="card">
                <div className="card-label">{M.sync.pending}</div>
                <div className="card-value">{s.pending}</div>
              </div>
              <div className={s.failed.length > 0 ? 'card bad' : 'card'}>
                <div className="card-label">{M.sync.failed}</div>
                <div className="card-value">{s.failed.length}</div>
              </div>
            </div>
            <dl className="facts">
              <div>
                <dt>{M.sync.nextAttempt}</dt>
                <dd>{s.nextAttemptAt ? formatTimestamp(s.nextAttemptAt) : M.common.dash}</dd>
              </div>
              <div>
                <dt>{M.sync.lastPull}</dt>
                <dd>{s.lastPullAt ? formatTimestamp(s.lastPullAt) : M.sync.never}</dd>
              </div>
              <div>
                <dt>{M.sync.recordPulled}</dt>
                <dd data-testid="sync-record-pulled">{s.recordPulledAt ? formatTimestamp(s.recordPulledAt) : M.sync.never}</dd>
              </div>
            </dl>
            {s.sending && (
              <div className="sending">
                <strong>{M.sync.sending(s.sending.label)}</strong>
                <ProgressBar done={s.sending.sentBytes} total={s.sending.totalBytes || null} label={s.sending.label} />
              </div>
            )}
            <h3>{M.sync.failuresTitle}</h3>
            {s.failed.length === 0 ? (
              <p className="muted">{M.sync.noFailures}</p>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>{M.sync.colAction}</th>
                    <th>{M.sync.colReason}</th>
                    <th>{M.sync.colAt}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {s.failed.map((f) => (
                    <tr key={f.actionId}>
                      <td>{f.label}</td>
                      <td className="bad">{f.error.message}</td>
                      <td>{formatTimestamp(f.at)}</td>
                      <td className="actions">
                        {f.batchId && (
                          <button type="button" className="button small" onClick={() => navigate({ name: 'batch', batchId: f.batchId!, step: 'roster' })}>
                            {M.sync.openBatch}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>
      <AccountPanel />
    </div>
  );
}

function AccountPanel() {
  const auth = useApp((s) => s.auth);
  const setAuthStatus = useApp((s) => s.setAuthStatus);
  const notify = useApp((s) => s.notify);
  const loadUnits = useApp((s) => s.loadUnits);
  const [account, setAccount] = useState('');
  const [secret, setSecret] = useState('');
  const [useSms, setUseSms] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const login = async () => {
    setError(null);
    const status = await attempt(
      () => api()['auth.login']({ account, ...(useSms ? { smsCode: secret } : { password: secret }) }),
      (message) => setError(message),
    );
    if (status) {
      setAuthStatus(status);
      // A first login on this machine adds the account's unit here.
      void loadUnits();
      setSecret('');
      notify('success', M.auth.loggedIn);
    }
  };
  const requestCode = async () => {
    const r = await attempt(() => api()['auth.requestSmsCode']({ phone: account }), (message) => setError(message));
    if (r) notify('info', M.auth.codeSent(r.sentTo));
  };
  const logout = async () => {
    const status = await attempt(() => api()['auth.logout']({}));
    if (status) setAuthStatus(status);
  };

  return (
    <section className="panel side">
      <h2>{M.auth.title}</h2>
      <p className="muted small">{M.auth.offlineNote}</p>
      {auth.status?.loggedIn ? (
        <div>
          <p>{M.auth.loggedInAs(auth.status.account ?? '')}</p>
          <button type="button" className="button" onClick={() => void logout()}>
            {M.auth.logout}
          </button>
        </div>
      ) : (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void login();
          }}
        >
          <label className="field">
            <span>{M.auth.account}</span>
            <input className="input" value={account} onChange={(e) => setAccount(e.target.value)} autoComplete="username" />
          </label>
          <div className="chips">
            <button type="button" className={useSms ? 'chip' : 'chip active'} onClick={() => setUseSms(false)}>
              {M.auth.byPassword}
            </button>
            <button type="button" className={useSms ? 'chip active' : 'chip'} onClick={() => setUseSms(true)}>
              {M.auth.bySms}
            </button>
          </div>
          <label className="field">
            <span>{useSms ? M.auth.smsCode : M.auth.password}</span>
            <input className="input" type={useSms ? 'text' : 'password'} value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete={useSms ? 'one-time-code' : 'current-password'} />
          </label>
          {error && <Callout tone="error">{error}</Callout>}
          <div className="form-actions">
            <button type="submit" className="button primary">
              {M.auth.login}
            </button>
            {useSms && (
              <button type="button" className="button" onClick={() => void requestCode()}>
                {M.auth.requestCode}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
