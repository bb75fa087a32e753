/**
 * The unit account the engine sends for. The token lives only in the TokenVault (the OS's
 * protection where there is one); the account's name and ids sit in sync_state, so after
 * an expired token or a restart without a persistent vault the app still knows whose login
 * to ask for. Working offline needs neither.
 */
import { z } from 'zod';
import type { AuthStatus } from '../../../shared/api/dto';
import type { Actor } from '../../../shared/domain/batch';
import type { AccountView } from '../../../shared/wire';
import type { TokenVault } from './tokenVault';
import type { Store, UnitInput } from '../store';
import { ENGINE_KEYS } from './syncKeys';

const sessionRecordSchema = z.object({
  /** The unit's name, as the clerk sees it. */
  account: z.string(),
  loginPhone: z.string(),
  /** The association's id of the unit (its feed and cursor). */
  serverUnitId: z.string(),
  /** The local unit whose outbox actions this login sends. */
  localUnitId: z.string(),
  expiresAt: z.string(),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

export interface ActiveSession {
  record: SessionRecord;
  token: string;
}

export class SessionStore {
  /** undefined: not read from the vault yet. */
  private token: string | null | undefined;

  constructor(
    private readonly store: Store,
    private readonly vault: TokenVault,
  ) {}

  record(): SessionRecord | null {
    const parsed = sessionRecordSchema.safeParse(this.store.syncState.getJson<unknown>(ENGINE_KEYS.session));
    return parsed.success ? parsed.data : null;
  }

  private currentToken(): string | null {
    if (this.token === undefined) {
      try {
        this.token = this.vault.load();
      } catch {
        this.token = null;
      }
    }
    return this.token;
  }

  /** The login to send with, or null when there is none (never logged in, logged out, or expired). */
  active(): ActiveSession | null {
    const record = this.record();
    const token = record ? this.currentToken() : null;
    return record && token ? { record, token } : null;
  }

  /** A new login: the record inside the caller's transaction, then the token into the vault. */
  save(record: SessionRecord, token: string): void {
    this.store.syncState.setJson(ENGINE_KEYS.session, record);
    this.vault.save(token);
    this.token = token;
  }

  /** The server no longer accepts the token: forget it, keep whose it was (to ask for that login). */
  expire(): void {
    this.token = null;
    try {
      this.vault.save(null);
    } catch {
      // The token is dropped from memory either way; a stale file only fails the next load.
    }
  }

  /** Logged out: neither token nor account. */
  clear(): void {
    this.expire();
    this.store.syncState.delete(ENGINE_KEYS.session);
  }

  authStatus(): AuthStatus {
    const record = this.record();
    if (!record) return { loggedIn: false };
    // Not logged in but an account is named: the login expired, and this is whose to renew.
    return { loggedIn: this.active() !== null, account: record.account, unitId: record.localUnitId };
  }
}

/**
 * The local unit a login stands for: the one of that name, else the one whose handler's
 * phone is the login phone; a unit this machine does not know yet is added from the
 * account (a service window takes on a new unit by logging in to it).
 */
export function localUnitFor(store: Store, account: AccountView, actor: Actor): string {
  const units = store.units.list();
  const match = units.find((u) => u.name === account.name) ?? units.find((u) => u.handler.phone === account.loginPhone);
  if (match) {
    if (match.registration !== 'registered') store.units.setRegistration(match.id, 'registered', null, actor);
    return match.id;
  }
  const input: UnitInput = {
    name: account.name,
    socialSecurityCodes: account.socialSecurityCodes,
    handler: account.handler,
    contacts: account.contacts,
  };
  if (account.uscc !== undefined) input.uscc = account.uscc;
  if (account.insuranceCode !== undefined) input.insuranceCode = account.insuranceCode;
  if (account.medicalInsuranceCode !== undefined) input.medicalInsuranceCode = account.medicalInsuranceCode;
  if (account.headCounts !== undefined) input.headCounts = account.headCounts;
  if (account.address !== undefined) input.address = account.address;
  const created = store.units.save(input, actor);
  store.units.setRegistration(created.id, 'registered', null, actor);
  return created.id;
}
