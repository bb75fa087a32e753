/**
 * Repackaging an xlsx the way other programs write it: parts in another order, stored or
 * deflated, with data descriptors, names in other case. Built from exceljs's own output.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { listZipEntries } from '../../../../electron/core/roster/zipArchive';

export interface ZipFile {
  name: string;
  data: Buffer;
}

/** An entry whose deflated data is given as is, with the size and CRC its directory records (true or not). */
export interface DeflatedZipFile {
  name: string;
  deflated: Buffer;
  size: number;
  crc: number;
}

function isDeflated(file: ZipFile | DeflatedZipFile): file is DeflatedZipFile {
  return 'deflated' in file;
}

export function readZip(bytes: Buffer): ZipFile[] {
  const entries = listZipEntries(bytes);
  if (!entries) throw new Error('not a complete zip');
  return entries.map((entry) => {
    const method = bytes.readUInt16LE(entry.start + 8);
    const dataStart = entry.start + 30 + bytes.readUInt16LE(entry.start + 26) + bytes.readUInt16LE(entry.start + 28);
    const raw = bytes.subarray(dataStart, dataStart + entry.compressedSize);
    return { name: entry.name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) };
  });
}

export interface WriteZipOptions {
  deflate?: boolean;
  /** Sizes and CRC after the data (bit 3), as streaming zip writers do. */
  dataDescriptor?: boolean;
}

export function writeZip(files: readonly (ZipFile | DeflatedZipFile)[], options: WriteZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const deflated = isDeflated(file) || options.deflate === true;
    const body = isDeflated(file) ? file.deflated : options.deflate ? deflateRawSync(file.data) : file.data;
    const crc = isDeflated(file) ? file.crc : crc32(file.data);
    const size = isDeflated(file) ? file.size : file.data.length;
    const flags = 0x0800 | (options.dataDescriptor ? 0x0008 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(deflated ? 8 : 0, 8);
    local.writeUInt16LE(0x21, 12);
    if (!options.dataDescriptor) {
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(size, 22);
    }
    local.writeUInt16LE(name.length, 26);
    const parts = [local, name, body];
    if (options.dataDescriptor) {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(body.length, 8);
      descriptor.writeUInt32LE(size, 12);
      parts.push(descriptor);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(deflated ? 8 : 0, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    const entryBytes = Buffer.concat(parts);
    locals.push(entryBytes);
    offset += entryBytes.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
