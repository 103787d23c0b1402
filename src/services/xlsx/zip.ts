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

function dosDateTime(d: Date): { time: number; date: number } {
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
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const start = offset;
    const local = record(30, (v) => {
      v.setUint32(0, 0x04034b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, FLAGS, true);
      v.setUint16(8, DEFLATE, true);
      v.setUint16(10, time, true);
      v.setUint16(12, date, true);
      v.setUint16(26, name.length, true);
    }, name);
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
    const descriptor = record(16, (v) => {
      v.setUint32(0, 0x08074b50, true);
      v.setUint32(4, sums.crc, true);
      v.setUint32(8, compressed, true);
      v.setUint32(12, sums.size, true);
    });
    yield descriptor;
    offset += descriptor.length;
    central.push(
      record(46, (v) => {
        v.setUint32(0, 0x02014b50, true);
        v.setUint16(4, 20, true);
        v.setUint16(6, 20, true);
        v.setUint16(8, FLAGS, true);
        v.setUint16(10, DEFLATE, true);
        v.setUint16(12, time, true);
        v.setUint16(14, date, true);
        v.setUint32(16, sums.crc, true);
        v.setUint32(20, compressed, true);
        v.setUint32(24, sums.size, true);
        v.setUint16(28, name.length, true);
        v.setUint32(42, start, true);
      }, name),
    );
  }
  const directorySize = central.reduce((a, c) => a + c.length, 0);
  yield* central;
  yield record(22, (v) => {
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, central.length, true);
    v.setUint16(10, central.length, true);
    v.setUint32(12, directorySize, true);
    v.setUint32(16, offset, true);
  });
}
