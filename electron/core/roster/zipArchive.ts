/**
 * Just enough of the zip format to look inside an xlsx held in memory: the entry list from
 * the central directory (which parts the package has, whether it is complete) and each
 * entry's data.
 */
export interface ZipEntry {
  name: string;
  /** Where the entry's local header starts. */
  start: number;
  /** The size of its compressed data, from the central directory. */
  compressedSize: number;
  /** The size the directory declares for its inflated data: a claim, checked while inflating. */
  size: number;
  /** CRC-32 of the inflated data, from the central directory. */
  crc: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const ZIP64_EXTRA = 0x0001;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

export function hasZipSignature(bytes: Uint8Array): boolean {
  // An empty archive has only its end record.
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

function findEndOfDirectory(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - 22 - MAX16);
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (bytes.readUInt32LE(i) === END_OF_DIRECTORY) return i;
  }
  return -1;
}

function safeNumber(value: bigint): number {
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(value);
}

/**
 * The entries of a complete archive, or null when it is truncated or damaged (no end
 * record, a directory pointing outside the file, an entry without its local header).
 */
export function listZipEntries(bytes: Buffer): ZipEntry[] | null {
  const eocd = findEndOfDirectory(bytes);
  if (eocd < 0) return null;
  let count = bytes.readUInt16LE(eocd + 10);
  let directorySize = bytes.readUInt32LE(eocd + 12);
  let directoryStart = bytes.readUInt32LE(eocd + 16);

  if (count === MAX16 || directorySize === MAX32 || directoryStart === MAX32) {
    const locator = eocd - 20;
    if (locator < 0 || bytes.readUInt32LE(locator) !== ZIP64_LOCATOR) return null;
    const record = safeNumber(bytes.readBigUInt64LE(locator + 8));
    if (record < 0 || record + 56 > bytes.length || bytes.readUInt32LE(record) !== ZIP64_END_OF_DIRECTORY) return null;
    count = safeNumber(bytes.readBigUInt64LE(record + 32));
    directorySize = safeNumber(bytes.readBigUInt64LE(record + 40));
    directoryStart = safeNumber(bytes.readBigUInt64LE(record + 48));
    if (count < 0 || directorySize < 0 || directoryStart < 0) return null;
  }
  if (directoryStart + directorySize > bytes.length) return null;

  const entries: ZipEntry[] = [];
  let p = directoryStart;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== CENTRAL_HEADER) return null;
    const nameLength = bytes.readUInt16LE(p + 28);
    const extraLength = bytes.readUInt16LE(p + 30);
    const commentLength = bytes.readUInt16LE(p + 32);
    const nameEnd = p + 46 + nameLength;
    if (nameEnd + extraLength > bytes.length) return null;
    const sizes = zip64Values(bytes, nameEnd, extraLength, {
      uncompressed: bytes.readUInt32LE(p + 24),
      compressed: bytes.readUInt32LE(p + 20),
      start: bytes.readUInt32LE(p + 42),
    });
    if (!sizes) return null;
    if (sizes.start + 30 > directoryStart || bytes.readUInt32LE(sizes.start) !== LOCAL_HEADER) return null;
    entries.push({ name: bytes.toString('utf8', p + 46, nameEnd), start: sizes.start, compressedSize: sizes.compressed, size: sizes.uncompressed, crc: bytes.readUInt32LE(p + 16) });
    p = nameEnd + extraLength + commentLength;
  }
  return entries;
}

interface DirectoryValues {
  uncompressed: number;
  compressed: number;
  start: number;
}

// The zip64 extra field holds, in this order, only the values whose 32-bit field is full.
function zip64Values(bytes: Buffer, extraStart: number, extraLength: number, values: DirectoryValues): DirectoryValues | null {
  const wanted = (['uncompressed', 'compressed', 'start'] as const).filter((k) => values[k] === MAX32);
  if (wanted.length === 0) return values;
  for (let q = extraStart; q + 4 <= extraStart + extraLength; ) {
    const id = bytes.readUInt16LE(q);
    const size = bytes.readUInt16LE(q + 2);
    if (id === ZIP64_EXTRA) {
      if (size < wanted.length * 8) return null;
      const out = { ...values };
      wanted.forEach((key, i) => {
        out[key] = safeNumber(bytes.readBigUInt64LE(q + 4 + i * 8));
      });
      return out.compressed < 0 || out.start < 0 ? null : out;
    }
    q += 4 + size;
  }
  return null;
}

export interface EntryData {
  /** 0 stored, 8 deflated; anything else is refused by the reader. */
  method: number;
  /** The entry's data as stored in the archive (compressed when method is 8). */
  data: Buffer;
}

/** The entry's stored data, located through its local header; null when that header is damaged. */
export function entryData(bytes: Buffer, entry: ZipEntry): EntryData | null {
  const { start } = entry;
  if (start + 30 > bytes.length || bytes.readUInt32LE(start) !== LOCAL_HEADER) return null;
  const method = bytes.readUInt16LE(start + 8);
  const dataStart = start + 30 + bytes.readUInt16LE(start + 26) + bytes.readUInt16LE(start + 28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > bytes.length) return null;
  return { method, data: bytes.subarray(dataStart, dataEnd) };
}
