/**
 * @module
 * A zip archive written as a stream, each entry deflated by the platform's
 * CompressionStream("deflate-raw"): native code on both hosts, and on Node it
 * runs on the libuv pool, so a 100 MB sheet does not hold the event loop the
 * way deflating in JavaScript would. Sizes and CRC follow each entry in a data
 * descriptor (its length is unknown when its header is written). No Zip64: an
 * entry stays under 4 GiB (about four million rows of a sheet).
 */

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

export interface ZipEntry {
  name: string;
  data: AsyncIterable<Uint8Array>;
}

// Bit 3: sizes and CRC in a data descriptor after the data; bit 11: the name is UTF-8.
const FLAGS = 0x0808;
const DEFLATE = 8;

export function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((Math.max(1980, d.getUTCFullYear()) - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

function record(size: number, fill: (v: DataView) => void, tail?: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(size + (tail?.length ?? 0));
  fill(new DataView(bytes.buffer));
  if (tail) bytes.set(tail, size);
  return bytes;
}

/** Deflates `data` on the platform's compressor, counting size and CRC of what goes in. */
async function* deflated(data: AsyncIterable<Uint8Array>, sums: { crc: number; size: number }): AsyncGenerator<Uint8Array> {
  const cs = new CompressionStream("deflate-raw");
  const writer = cs.writable.getWriter();
  const reader = cs.readable.getReader();
  const feeding = (async () => {
    try {
      for await (const chunk of data) {
        sums.crc = crc32(chunk, sums.crc);
        sums.size += chunk.length;
        await writer.write(chunk as Uint8Array<ArrayBuffer>);
      }
      await writer.close();
    } catch (err) {
      await writer.abort(err).catch(() => {});
    }
  })();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    // Stopped early (the client went away): cancelling fails the pending write, which ends the feeding.
    await reader.cancel().catch(() => {});
    await feeding;
  }
}

/** The archive's bytes, entry after entry, then the central directory. */
export async function* zipStream(entries: Iterable<ZipEntry>, now = new Date()): AsyncGenerator<Uint8Array> {
  const { time, date } = dosDateTime(now);
  const central: ZipEntrySums[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const start = offset;
    const local = localHeader(name, { time, date });
    yield local;
    offset += local.length;
    const sums = { crc: 0, size: 0 };
    let compressed = 0;
    for await (const chunk of deflated(entry.data, sums)) {
      compressed += chunk.length;
      yield chunk;
    }
    offset += compressed;
    if (offset >= 2 ** 32 || sums.size >= 2 ** 32) throw new Error("zip entry over 4 GiB");
    const descriptor = dataDescriptor({ crc: sums.crc, size: sums.size, compressed });
    yield descriptor;
    offset += descriptor.length;
    central.push({ name: entry.name, crc: sums.crc, size: sums.size, compressed, offset: start });
  }
  yield centralDirectory(central, offset, { time, date });
}

/** An entry as the central directory lists it. */
export interface ZipEntrySums {
  name: string;
  crc: number;
  /** Uncompressed bytes. */
  size: number;
  compressed: number;
  /** Where its local header starts. */
  offset: number;
}

/** A local file header whose sizes and CRC follow the data in a descriptor. */
export function localHeader(name: Uint8Array, at: { time: number; date: number }): Uint8Array {
  return record(30, (v) => {
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, FLAGS, true);
    v.setUint16(8, DEFLATE, true);
    v.setUint16(10, at.time, true);
    v.setUint16(12, at.date, true);
    v.setUint16(26, name.length, true);
  }, name);
}

export function dataDescriptor(sums: { crc: number; size: number; compressed: number }): Uint8Array {
  return record(16, (v) => {
    v.setUint32(0, 0x08074b50, true);
    v.setUint32(4, sums.crc, true);
    v.setUint32(8, sums.compressed, true);
    v.setUint32(12, sums.size, true);
  });
}

/** The central directory and its end record, for entries written before `offset`. */
export function centralDirectory(entries: ZipEntrySums[], offset: number, at: { time: number; date: number }): Uint8Array {
  const encoder = new TextEncoder();
  const records = entries.map((e) => {
    const name = encoder.encode(e.name);
    return record(46, (v) => {
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, 20, true);
      v.setUint16(8, FLAGS, true);
      v.setUint16(10, DEFLATE, true);
      v.setUint16(12, at.time, true);
      v.setUint16(14, at.date, true);
      v.setUint32(16, e.crc, true);
      v.setUint32(20, e.compressed, true);
      v.setUint32(24, e.size, true);
      v.setUint16(28, name.length, true);
      v.setUint32(42, e.offset, true);
    }, name);
  });
  const directorySize = records.reduce((a, c) => a + c.length, 0);
  const end = record(22, (v) => {
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, records.length, true);
    v.setUint16(10, records.length, true);
    v.setUint32(12, directorySize, true);
    v.setUint32(16, offset, true);
  });
  const bytes = new Uint8Array(directorySize + end.length);
  let pos = 0;
  for (const r of [...records, end]) {
    bytes.set(r, pos);
    pos += r.length;
  }
  return bytes;
}
