import { inflateRawSync } from 'zlib';

/** A zip this reader does not handle (zip64, encryption, another compression): the caller reads it another way. */
export class UnsupportedZip extends Error {}

/** No part of a declaration workbook comes near this; a larger one is a zip bomb or not ours to read. */
const MAX_PART = 256 * 1024 * 1024;

/**
 * The entries of a zip, read from its central directory (authoritative where local headers defer sizes
 * to a data descriptor), each inflated only when asked for.
 */
export function zipEntries(buf: Buffer): Map<string, () => Buffer> {
  let eocd = -1;
  // The end record is in the last 22 bytes, or before a comment of up to 65,535 bytes.
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new UnsupportedZip('no zip end record');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) throw new UnsupportedZip('zip64');
  const entries = new Map<string, () => Buffer>();
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new UnsupportedZip('bad directory');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const full = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const skip = nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + skip;
    if (flags & 1) throw new UnsupportedZip('encrypted');
    if (method !== 0 && method !== 8) throw new UnsupportedZip(`compression method ${method}`);
    if (full > MAX_PART) throw new UnsupportedZip('part too large');
    entries.set(name, () => {
      if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50)
        throw new UnsupportedZip('bad entry');
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return method === 0 ? data : inflateRawSync(data, { maxOutputLength: MAX_PART });
    });
  }
  return entries;
}
