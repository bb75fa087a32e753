import { describe, expect, it } from 'vitest';
import { entryData, hasZipSignature, listZipEntries } from '../../../../electron/core/roster/zipArchive';
import { writeZip } from './zipFixtures';

const files = [
  { name: 'a.txt', data: Buffer.from('hello') },
  { name: 'folder/中文.xml', data: Buffer.from('<x/>') },
];

describe('reading a zip held in memory', () => {
  it('lists the entries of a complete archive and finds their data', () => {
    const zip = writeZip(files);
    const entries = listZipEntries(zip)!;
    expect(entries.map((e) => e.name)).toEqual(['a.txt', 'folder/中文.xml']);
    expect(entries.map((e) => entryData(zip, e)!.data.toString())).toEqual(['hello', '<x/>']);
    expect(hasZipSignature(zip)).toBe(true);
  });

  it('refuses an archive cut short anywhere', () => {
    const zip = writeZip(files);
    for (const length of [10, 40, zip.length - 30, zip.length - 1]) expect(listZipEntries(zip.subarray(0, length)), String(length)).toBeNull();
  });

  it('refuses a directory pointing at something that is not an entry', () => {
    const zip = Buffer.from(writeZip(files));
    zip.writeUInt32LE(0, 0); // the first local header's signature
    expect(listZipEntries(zip)).toBeNull();
  });

  it('reads an empty archive as no entries', () => {
    const empty = writeZip([]);
    expect(hasZipSignature(empty)).toBe(true);
    expect(listZipEntries(empty)).toEqual([]);
  });
});
