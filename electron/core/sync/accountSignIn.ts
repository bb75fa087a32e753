/**
 * The unit account's sign-in: login with the unit's name or login phone and its password,
 * the registration this machine holds sent at that first login (the password never waits in
 * the outbox), and logout. The session itself is kept by SessionStore.
 */
import type { ApiError, AuthStatus } from '../../../shared/api';
import { accountViewSchema, parseWire, registerUnitRequestSchema, ROUTES, routePath, sessionViewSchema } from '../../../shared/wire';
import type { OutboxAction } from '../store';
import { ASSOCIATION } from './associationActor';
import { localUnitFor } from './session';
import { HOLD_MS, toApiError, type SyncContext } from './syncContext';

export type LoginResult = { ok: true; status: AuthStatus } | { ok: false; code: string; message: string; httpStatus: number };

// Stored times compare as text: a year beyond 9999 would sort before them.
const FAR_FUTURE = new Date('9999-12-31T23:59:59.999Z');

export class AccountSignIn {
  constructor(private readonly sync: SyncContext) {}

  /**
   * Logs in with the unit's name or login phone and its password. When the server knows no
   * such account but this machine holds that unit's registration, the registration is sent
   * now, with this password, and the login follows: the password never waits in the outbox.
   */
  async login(account: string, password: string): Promise<LoginResult> {
    const client = this.sync.client();
    if (!client) return { ok: false, code: 'SERVER_NOT_SET', message: '尚未设置互助会服务器地址，目前只能离线工作', httpStatus: 503 };
    const name = account.trim();
    const res = await client.send({ method: 'POST', path: routePath(ROUTES.login), json: { account: name, password }, timeoutMs: this.sync.timeouts.request });
    if (res.ok) {
      this.sync.connectivity.reached();
      return this.establish(res.body);
    }
    if (!res.reached) {
      this.sync.connectivity.unreachable();
      return { ok: false, code: 'OFFLINE', message: res.error.message, httpStatus: 503 };
    }
    this.sync.connectivity.reached();
    if (res.error.code === 'loginFailed') {
      const registration = this.pendingRegistration(name);
      if (registration) return this.registerThenLogin(registration, name, password);
    }
    if (res.failure === 'retry') return { ok: false, code: 'SERVER_BUSY', message: res.error.message, httpStatus: 503 };
    return { ok: false, code: res.error.code === 'loginFailed' ? 'LOGIN_FAILED' : res.error.code, message: res.error.message, httpStatus: 422 };
  }

  private establish(body: unknown): LoginResult {
    const view = sessionViewSchema.safeParse(body);
    if (!view.success) return { ok: false, code: 'SERVER_BUSY', message: '服务器的登录答复无法解析，请稍后重试', httpStatus: 503 };
    const { token, expiresAt, account } = view.data;
    this.sync.store.transaction(() => {
      const localUnitId = localUnitFor(this.sync.store, account, ASSOCIATION);
      this.settleRegistration(localUnitId);
      this.sync.sessions.save({ account: account.name, loginPhone: account.loginPhone, serverUnitId: account.unitId, localUnitId, expiresAt }, token);
    });
    // Everything held for this login goes now, with the keys it always had.
    this.sync.store.outbox.makeAllDue(this.sync.now());
    this.sync.wantPull();
    this.sync.kick();
    this.sync.emitStatus();
    return { ok: true, status: this.sync.sessions.authStatus() };
  }

  /** The unit has an account now: a registration still queued for it has nothing left to do. */
  private settleRegistration(unitId: string): void {
    for (const action of this.sync.store.outbox.nextSendable(FAR_FUTURE, 100_000)) {
      if (action.kind !== 'registerUnit' || action.unitId !== unitId) continue;
      if (!this.sync.store.outbox.cancelUnsent(action.id)) this.sync.store.outbox.markDone(action.id);
    }
  }

  private pendingRegistration(account: string): { action: OutboxAction; unitId: string } | null {
    const units = this.sync.store.units.list().filter((u) => u.registration === 'pending' && (u.name === account || u.handler.phone === account));
    if (units.length === 0) return null;
    const ids = new Set(units.map((u) => u.id));
    const action = this.sync.store.outbox.nextSendable(FAR_FUTURE, 100_000).find((a) => a.kind === 'registerUnit' && a.unitId !== null && ids.has(a.unitId));
    return action ? { action, unitId: action.unitId! } : null;
  }

  private refuseRegistration(action: OutboxAction, unitId: string, error: ApiError): void {
    this.sync.store.transaction(() => {
      if (action.status === 'pending' || action.status === 'sending') this.sync.store.outbox.markFailed(action.id, error);
      this.sync.store.units.setRegistration(unitId, 'refused', error, ASSOCIATION);
    });
    this.sync.emitStatus();
  }

  private async registerThenLogin(registration: { action: OutboxAction; unitId: string }, account: string, password: string): Promise<LoginResult> {
    const { unitId } = registration;
    const payload = (registration.action.payload ?? {}) as { unit?: Record<string, unknown> };
    const { id: _id, ...unit } = payload.unit ?? {};
    const body = { unit, password };
    const checked = parseWire(registerUnitRequestSchema, body);
    if (!checked.ok) {
      // A password the server would refuse is the clerk's to change; a bad profile is the registration's.
      if (checked.error.field === 'password') return { ok: false, code: 'PASSWORD_INVALID', message: `新账号的密码：${checked.error.message}`, httpStatus: 422 };
      this.refuseRegistration(registration.action, unitId, toApiError(checked.error));
      return { ok: false, code: 'REGISTRATION_INVALID', message: `单位注册信息有误：${checked.error.message}`, httpStatus: 422 };
    }
    let action: OutboxAction;
    try {
      action = this.sync.store.outbox.markSending(registration.action.id);
    } catch {
      return { ok: false, code: 'REGISTRATION_BUSY', message: '单位注册正在发送中，请稍后再登录', httpStatus: 409 };
    }
    const res = await this.sync.client()!.send({
      method: 'POST',
      path: routePath(ROUTES.registerUnit),
      idempotencyKey: action.idempotencyKey,
      json: body,
      timeoutMs: this.sync.timeouts.request,
    });
    if (!res.ok && res.failure !== 'permanent') {
      this.sync.store.outbox.reschedule(action.id, toApiError(res.error), new Date(this.sync.now().getTime() + HOLD_MS));
      if (!res.reached) this.sync.connectivity.unreachable();
      return { ok: false, code: 'OFFLINE', message: `单位注册未能发送：${res.error.message}`, httpStatus: 503 };
    }
    if (!res.ok) {
      if (res.error.code === 'idempotencyKeyReused') {
        // The registration went through earlier with another password: the account is there.
        this.sync.store.outbox.reschedule(action.id, toApiError(res.error), new Date(this.sync.now().getTime() + HOLD_MS));
        return { ok: false, code: 'LOGIN_FAILED', message: '该单位已注册，请使用注册时设置的密码登录', httpStatus: 422 };
      }
      this.refuseRegistration(action, unitId, toApiError(res.error));
      return { ok: false, code: res.error.code, message: `单位注册被拒绝：${res.error.message}`, httpStatus: 422 };
    }
    const registered = accountViewSchema.safeParse((res.body as { account?: unknown } | null)?.account);
    this.sync.store.transaction(() => {
      this.sync.store.outbox.markDone(action.id);
      this.sync.store.units.setRegistration(unitId, 'registered', null, ASSOCIATION);
    });
    this.sync.emitStatus();
    const login = await this.sync.client()!.send({
      method: 'POST',
      path: routePath(ROUTES.login),
      json: { account: registered.success ? registered.data.loginPhone : account, password },
      timeoutMs: this.sync.timeouts.request,
    });
    if (login.ok) return this.establish(login.body);
    return { ok: false, code: 'LOGIN_FAILED', message: `单位已注册，但登录未成功：${login.error.message}`, httpStatus: login.reached ? 422 : 503 };
  }

  /** Forgets the token (and tells the server, if it can be reached); the outbox stays as it is. */
  async logout(): Promise<AuthStatus> {
    const active = this.sync.sessions.active();
    const client = this.sync.client();
    if (active && client) {
      const res = await client.send({ method: 'DELETE', path: routePath(ROUTES.logout), token: active.token, timeoutMs: this.sync.timeouts.probe });
      if (res.ok || res.reached) this.sync.connectivity.reached();
    }
    this.sync.sessions.clear();
    this.sync.emitStatus();
    return this.sync.sessions.authStatus();
  }

}
