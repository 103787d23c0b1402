/**
 * @module
 * The same one-sheet workbook as ./write, written in separate pieces that can be
 * produced by separate invocations (a background export's chunks): each piece is
 * plain bytes to append to the file, and what the next piece needs (offsets, the
 * sheet's running CRC and sizes, rows written) is a small JSON-safe state kept
 * between them.
 *
 * The sheet is one zip entry, so its DEFLATE stream must run across pieces. Each
 * piece deflates its rows with a fresh compressor and ends in a sync flush (an
 * empty non-final stored block), which leaves the stream byte-aligned with every
 * block so far non-final; the next piece's blocks simply follow, and only the
 * last piece ends with a final block. No piece refers back into another's window,
 * so nothing but the sums crosses from one invocation to the next. The cost is
 * about 5 bytes per piece and a compressor that starts cold each time.
 *
 * @example
 * let { bytes, state } = startWorkbook(spec, now);   // part 0
 * bytes = appendRows(state, rows);                     // parts 1 … n
 * bytes = finishWorkbook(state);                       // the last part
 */
import { Deflate, deflateSync } from "fflate";
import { centralDirectory, crc32, dataDescriptor, dosDateTime, localHeader, type ZipEntrySums } from "./zip";
import { rowXml, SHEET_TAIL, sheetHead, staticParts, type SheetSpec, type XlsxRow } from "./write";

const SHEET = "xl/worksheets/sheet1.xml";

/** Between pieces: everything the next one needs (JSON-safe). */
export interface WorkbookState {
  at: { time: number; date: number };
  /** Entries already closed (the static parts). */
  entries: ZipEntrySums[];
  /** The sheet entry being written. */
  sheet: ZipEntrySums;
  /** Bytes of the file so far. */
  offset: number;
  rows: number;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    bytes.set(p, pos);
    pos += p.length;
  }
  return bytes;
}

/**
 * What a sync flush appends after `flush(false)`: the last, partly written byte and an
 * empty non-final stored block (3 header bits, padding, 00 00 FF FF). fflate 0.8.3's own
 * `flush(true)` passes its packed bit state as a bit position and writes a broken block
 * whenever that byte is not zero, so the block is written here from the same state
 * (`s.r`: bit position in the low 3 bits, the pending byte above them).
 */
function syncFlushTail(deflate: Deflate): Uint8Array {
  const r = (deflate as unknown as { s: { r?: number } }).s.r ?? 0;
  const bits = r & 7;
  const head = bits === 0 ? [0] : bits + 3 <= 8 ? [r >> 3] : [r >> 3, 0];
  return new Uint8Array([...head, 0, 0, 0xff, 0xff]);
}

/** Deflates `data` as a continuation of the sheet's stream, counting its sums. */
function sheetSegment(state: WorkbookState, data: Uint8Array, final: boolean): Uint8Array {
  const out: Uint8Array[] = [];
  const deflate = new Deflate({ level: 6 }, (chunk) => out.push(chunk));
  if (final) deflate.push(data, true);
  else {
    deflate.push(data, false);
    deflate.flush(false);
    out.push(syncFlushTail(deflate));
  }
  const bytes = concat(out);
  state.sheet.crc = crc32(data, state.sheet.crc);
  state.sheet.size += data.length;
  state.sheet.compressed += bytes.length;
  state.offset += bytes.length;
  return bytes;
}

/** The first piece: the small fixed parts whole, then the sheet's header and opening XML. */
export function startWorkbook(spec: SheetSpec, now: Date): { bytes: Uint8Array; state: WorkbookState } {
  const encoder = new TextEncoder();
  const at = dosDateTime(now);
  const parts: Uint8Array[] = [];
  const entries: ZipEntrySums[] = [];
  let offset = 0;
  for (const [name, xml] of Object.entries(staticParts(spec))) {
    const data = encoder.encode(xml);
    const compressed = deflateSync(data);
    const local = localHeader(encoder.encode(name), at);
    const descriptor = dataDescriptor({ crc: crc32(data), size: data.length, compressed: compressed.length });
    entries.push({ name, crc: crc32(data), size: data.length, compressed: compressed.length, offset });
    parts.push(local, compressed, descriptor);
    offset += local.length + compressed.length + descriptor.length;
  }
  const local = localHeader(encoder.encode(SHEET), at);
  parts.push(local);
  const state: WorkbookState = { at, entries, sheet: { name: SHEET, crc: 0, size: 0, compressed: 0, offset }, offset: offset + local.length, rows: 0 };
  parts.push(sheetSegment(state, encoder.encode(sheetHead(spec)), false));
  return { bytes: concat(parts), state };
}

/** A middle piece: these rows, numbered on from the last piece's. */
export function appendRows(state: WorkbookState, rows: XlsxRow[]): Uint8Array {
  if (!rows.length) return new Uint8Array(0);
  const xml = rows.map((row) => rowXml(row, ++state.rows)).join("");
  return sheetSegment(state, new TextEncoder().encode(xml), false);
}

/** The last piece: the sheet's closing XML and final block, its descriptor, the central directory. */
export function finishWorkbook(state: WorkbookState): Uint8Array {
  const tail = sheetSegment(state, new TextEncoder().encode(SHEET_TAIL), true);
  const descriptor = dataDescriptor(state.sheet);
  state.offset += descriptor.length;
  const directory = centralDirectory([...state.entries, state.sheet], state.offset, state.at);
  state.offset += directory.length;
  return concat([tail, descriptor, directory]);
}
