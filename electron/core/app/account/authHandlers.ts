/**
 * auth.*: the unit account's login with the association server. The reference server
 * offers password login only (POST /v1/sessions); an SMS code is refused in words rather
 * than pretended.
 */
import type { OperationHandlers } from '../../../../shared/api';
import type { SyncEngine } from '../../sync';
import { CoreError } from '../../coreError';

const smsNotOffered = () =>
  new CoreError('SMS_NOT_OFFERED', '本互助会服务器不提供短信验证码登录，请使用单位名称或经办人手机号加密码登录', 422);

export function authHandlers(engine: SyncEngine): Pick<OperationHandlers, 'auth.status' | 'auth.requestSmsCode' | 'auth.login' | 'auth.logout'> {
  return {
    'auth.status': async () => engine.authStatus(),
    'auth.requestSmsCode': async () => {
      throw smsNotOffered();
    },
    'auth.login': async ({ account, password }) => {
      if (password === undefined) throw smsNotOffered();
      const result = await engine.login(account, password);
      if (!result.ok) throw new CoreError(result.code, result.message, result.httpStatus);
      return result.status;
    },
    'auth.logout': async () => engine.logout(),
  };
}
