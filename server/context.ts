/** Everything a request handler or service needs: the database, its stores and the clock. */
import type { BlobStore } from './blobs/blobStore';
import { FieldCipher } from './crypto/fieldCipher';
import type { SqlDb } from './db/sqlDb';
import type { Clock } from './clock';
import { ApplicationsStore } from './store/applicationsStore';
import { BatchesStore } from './store/batchesStore';
import { ChangesStore } from './store/changesStore';
import { ClaimsStore } from './store/claimsStore';
import { IdempotencyStore } from './store/idempotencyStore';
import { OccupancyStore } from './store/occupancyStore';
import { LoginFailuresStore } from './store/loginFailuresStore';
import { DEFAULT_THROTTLE, LoginThrottle, type ThrottlePolicies } from './auth/loginThrottle';
import { SchemesStore } from './store/schemesStore';
import { UnitsStore } from './store/unitsStore';
import { UploadsStore } from './store/uploadsStore';

export interface ServerContext {
  db: SqlDb;
  /** Files, out of the database. */
  blobs: BlobStore;
  /** Seals phones and bank cards in the database. */
  cipher: FieldCipher;
  clock: Clock;
  /** How long a login lasts. */
  tokenTtlMs: number;
  /** Keys the idempotency records' request HMAC (derived from the server secret). */
  requestHashKey: Buffer;
  /** Failed logins and refused registrations per account and client address. */
  throttle: LoginThrottle;
  limits: ServerLimits;
  units: UnitsStore;
  schemes: SchemesStore;
  idempotency: IdempotencyStore;
  changes: ChangesStore;
  uploads: UploadsStore;
  batches: BatchesStore;
  claims: ClaimsStore;
  /** Who holds which person in a scheme's year (被某单位占用). */
  occupancy: OccupancyStore;
  /** Unit onboarding applications (申请参保编码, 单位信息完善). */
  applications: ApplicationsStore;
}

export interface ServerLimits {
  /** How many holders (unit name and handler contact) a unit is shown in 24 hours; past it, only "held by another unit". */
  namedOccupancyAnswersPerDay: number;
}

export const DEFAULT_LIMITS: ServerLimits = { namedOccupancyAnswersPerDay: 2000 };

/** Keys derived from the server secret, one per use. */
export interface ServerKeys {
  requestHash: Buffer;
  throttleSubject: Buffer;
  personalData: Buffer;
  personalDataIndex: Buffer;
}

export function createContext(
  db: SqlDb,
  blobs: BlobStore,
  clock: Clock,
  tokenTtlMs: number,
  keys: ServerKeys,
  throttle: ThrottlePolicies = DEFAULT_THROTTLE,
  limits: ServerLimits = DEFAULT_LIMITS,
): ServerContext {
  const cipher = new FieldCipher(keys.personalData, keys.personalDataIndex);
  return {
    db,
    blobs,
    cipher,
    clock,
    tokenTtlMs,
    requestHashKey: keys.requestHash,
    limits,
    throttle: new LoginThrottle(new LoginFailuresStore(db), keys.throttleSubject, clock, throttle),
    units: new UnitsStore(db, cipher),
    schemes: new SchemesStore(db),
    idempotency: new IdempotencyStore(db, cipher),
    changes: new ChangesStore(db, cipher),
    uploads: new UploadsStore(db, blobs),
    batches: new BatchesStore(db, blobs, cipher),
    claims: new ClaimsStore(db),
    occupancy: new OccupancyStore(db),
    applications: new ApplicationsStore(db, blobs, cipher),
  };
}
