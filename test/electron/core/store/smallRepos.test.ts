import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SchemeError } from '../../../../shared/domain/scheme';
import { builtInSchemes, schemeById } from '../../../../shared/schemes';
import { INTERRUPTED_IMPORT } from '../../../../electron/core/store/importsRepo';
import type { Store } from '../../../../electron/core/store/store';
import { SYNC_KEYS } from '../../../../electron/core/store/syncStateRepo';
import { CLERK, YEAR_2024, YEAR_2025, createBatch, idFor, openTestStore, unitInput, type TestStore } from './storeFixtures';

let t: TestStore;
let store: Store;
beforeEach(() => (t = openTestStore(), (store = t.store)));
afterEach(() => t.dispose());

describe('SchemeCacheRepo', () => {
  it('seeds built-in schemes once and serves the newest version per id', () => {
    expect(store.schemes.seedBuiltIns(builtInSchemes())).toBe(5);
    expect(store.schemes.seedBuiltIns(builtInSchemes())).toBe(0);
    const suzhou = schemeById('suzhou-2024')!;
    expect(store.schemes.newest('suzhou-2024')).toMatchObject({ source: 'builtIn', etag: null, scheme: { id: 'suzhou-2024', version: 1 } });
    expect(store.schemes.newest('suzhou-2024')!.scheme).toEqual(suzhou);

    const v2 = { ...JSON.parse(JSON.stringify(suzhou)), version: 2, title: `${suzhou.title}（修订）` };
    expect(store.schemes.saveFromServer(v2, '"etag-2"')).toMatchObject({ source: 'server', etag: '"etag-2"', scheme: { version: 2 } });
    expect(store.schemes.newest('suzhou-2024')!.scheme.title).toBe(`${suzhou.title}（修订）`);
    expect(store.schemes.get('suzhou-2024', 1)!.source).toBe('builtIn');
    expect(store.schemes.etagOf('suzhou-2024')).toBe('"etag-2"');
    expect(store.schemes.listNewest().map((c) => `${c.scheme.id}@${c.scheme.version}`)).toEqual([
      'qingdao-2025@1',
      'shanghai-2020@1',
      'shenzhen@1',
      'suzhou-2024@2',
      'wuxi-2023@1',
    ]);
  });

  it('refreshes a built-in scheme an earlier release stored with other text, never a server’s copy', () => {
    const wuxi = schemeById('wuxi-2023')!;
    const { printing: _printing, ...olderDocuments } = wuxi.documents;
    const older = { ...wuxi, documents: olderDocuments } as unknown as typeof wuxi;
    expect(store.schemes.seedBuiltIns([older])).toBe(1);
    // An earlier release's scheme still loads: it offers no documents until refreshed.
    expect(store.schemes.get('wuxi-2023', 1)!.scheme.documents.printing).toEqual({});
    expect(store.schemes.seedBuiltIns(builtInSchemes())).toBe(5);
    expect(store.schemes.get('wuxi-2023', 1)!.scheme).toEqual(wuxi);

    const shenzhen = schemeById('shenzhen')!;
    store.schemes.saveFromServer({ ...JSON.parse(JSON.stringify(shenzhen)), title: '互助会发来的版本' });
    expect(store.schemes.seedBuiltIns(builtInSchemes())).toBe(0);
    expect(store.schemes.get('shenzhen', 1)).toMatchObject({ source: 'server', scheme: { title: '互助会发来的版本' } });
  });

  it('refuses an invalid scheme from the server and keeps the cache as it was', () => {
    store.schemes.seedBuiltIns(builtInSchemes());
    const broken = { ...JSON.parse(JSON.stringify(schemeById('wuxi-2023'))), version: 2, plans: [] };
    expect(() => store.schemes.saveFromServer(broken)).toThrow(SchemeError);
    expect(store.schemes.newest('wuxi-2023')!.scheme.version).toBe(1);
  });
});

describe('SyncStateRepo', () => {
  it('keeps values by key, and rolls back with the transaction it was written in', () => {
    expect(store.syncState.get(SYNC_KEYS.pullCursor)).toBeNull();
    store.syncState.set(SYNC_KEYS.pullCursor, 'c-1');
    store.syncState.setJson('lastSeen', { n: 2 });
    expect(() =>
      store.transaction(() => {
        store.syncState.set(SYNC_KEYS.pullCursor, 'c-2');
        throw new Error('pull failed half-way');
      }),
    ).toThrow('pull failed half-way');
    expect(store.syncState.get(SYNC_KEYS.pullCursor)).toBe('c-1');
    expect(store.syncState.getJson('lastSeen')).toEqual({ n: 2 });
    store.syncState.delete('lastSeen');
    expect(store.syncState.get('lastSeen')).toBeNull();
  });
});

describe('OccupiedRepo', () => {
  it('records persons enrolled elsewhere per coverage year and finds them for overlapping years', () => {
    const report = (docNumber: string, year = YEAR_2024, unitName = '其他单位', reportedAt = '2025-01-01T00:00:00Z') => ({
      docNumber,
      coverageYear: year,
      unitName,
      contact: { name: '赵', phone: '0512-12345678' },
      reportedAt,
    });
    expect(store.occupied.upsertMany([report(idFor(1)), report(idFor(2)), report(idFor(1), YEAR_2025)])).toBe(3);
    // An older report does not overwrite a newer one; a newer does.
    store.occupied.upsertMany([report(idFor(2), YEAR_2024, '旧单位', '2024-06-01T00:00:00Z'), report(idFor(1), YEAR_2024, '新单位', '2025-02-01T00:00:00+08:00')]);
    const found = store.occupied.find([idFor(1), idFor(2), idFor(3)], YEAR_2024);
    expect(found.map((o) => [o.docNumber, o.unitName])).toEqual([
      [idFor(1), '新单位'],
      [idFor(2), '其他单位'],
    ]);
    expect(found[0]!.reportedAt).toBe('2025-01-31T16:00:00.000Z');
    expect(store.occupied.find([idFor(1)], YEAR_2025).map((o) => o.coverageYear)).toEqual([YEAR_2025]);
    expect(store.occupied.remove(idFor(1), YEAR_2024)).toBe(true);
    expect(store.occupied.find([idFor(1)], YEAR_2024)).toEqual([]);
  });
});

describe('ImportsRepo', () => {
  it('records an import from start to finish, once', () => {
    const batchId = createBatch(store, store.units.save(unitInput(), CLERK).id).id;
    const started = store.imports.start({ batchId, fileName: '花名册.xlsx', mode: 'append', id: 'job-1' });
    expect(started).toMatchObject({ id: 'job-1', status: 'running', accepted: 0, rejected: 0, total: null, finishedAt: null });
    const done = store.imports.finish('job-1', { status: 'done', total: 120, accepted: 118, rejected: 2 });
    expect(done).toMatchObject({ status: 'done', total: 120, accepted: 118, rejected: 2, error: null });
    expect(() => store.imports.finish('job-1', { status: 'failed', accepted: 0, rejected: 0 })).toThrow('导入已结束');
    expect(store.imports.listForBatch(batchId).map((i) => i.id)).toEqual(['job-1']);
  });

  it('marks imports left running by a crash as failed', () => {
    const batchId = createBatch(store, store.units.save(unitInput(), CLERK).id).id;
    store.imports.start({ batchId, fileName: 'a.xlsx', mode: 'replace', id: 'job-2' });
    expect(store.recoverInterrupted()).toEqual({ outbox: 0, imports: 1 });
    expect(store.imports.get('job-2')).toMatchObject({ status: 'failed', error: INTERRUPTED_IMPORT });
  });
});
