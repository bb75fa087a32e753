import type { Actor } from '../../../shared/domain/batch';

/** Who the store records for what the association reported. */
export const ASSOCIATION: Actor = { kind: 'server', name: '互助会' };
