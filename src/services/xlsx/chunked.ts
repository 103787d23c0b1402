/**
 * @module
 * The same one-sheet workbook as ./write, written in separate pieces that can be
 * produced by separate invocations (a background export's chunks): each piece is
 * plain bytes to append to the file, and what the next piece needs (offsets, the
 * sheet's running CRC and sizes, rows written) is a small JSON-safe state kept
 * between them.
 *
 * The sheet is one zip entry, so its DEFLATE stream must run across pieces. Its XML
 * is deflated a few hundred KiB at a time, each run by a fresh compressor ending in a
 * sync flush (an empty non-final stored block), which leaves the stream byte-aligned
 * with every block so far non-final; the next run's blocks simply follow, and only the
 * last one of the last piece ends with a final block. No run refers back into another's
 * window, so nothing but the sums crosses from one piece (or invocation) to the next.
 * The compressor is node:zlib's, native on both hosts (workerd with nodejs_compat):
 * fflate's JavaScript deflate took about a third of a chunk's CPU.
 *
 * @example
 * const first = startWorkbook(spec, now);             // part 0: first.bytes + first.sheet's rows
 * first.sheet.append(rows); save(first.bytes, first.sheet.end(), first.state);
 * const next = resumeWorkbook(state);                 // parts 1 … n, each in its own invocation
 * next.append(rows); save(next.end() or, for the last, next.finish(), state);
 */
import { constants, deflateRawSync } from "node:zlib";
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

/** The parts as one array of bytes. */
export function concat(parts: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    bytes.set(p, pos);
    pos += p.length;
  }
  return bytes;
}

/**
 * XML gathered before it is deflated: large enough that a fresh compressor per run costs
 * little ratio, small enough that one run (≈ 3 ms on Node) is no long hold of the event loop.
 */
const RUN_BYTES = 256 * 1024;

const LEVEL = 6;

/**
 * One piece's share of the sheet: rows are gathered and deflated in runs, and the
 * piece ends either sync-flushed, for the next piece to continue, or final, with
 * the rest of the zip after it.
 */
export class SheetPiece {
  private readonly out: Uint8Array[] = [];
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private readonly encoder = new TextEncoder();

  constructor(private readonly state: WorkbookState) {}

  private push(xml: string) {
    const data = this.encoder.encode(xml);
    this.state.sheet.crc = crc32(data, this.state.sheet.crc);
    this.state.sheet.size += data.length;
    this.pending.push(data);
    this.pendingBytes += data.length;
    if (this.pendingBytes >= RUN_BYTES) this.deflate(false);
  }

  /** The gathered XML as deflate blocks: sync-flushed (non-final, byte-aligned) or the stream's final block. */
  private deflate(final: boolean) {
    if (!this.pendingBytes && !final) return;
    const data = this.pending.length === 1 ? this.pending[0]! : concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    this.out.push(deflateRawSync(data, { level: LEVEL, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }));
  }

  private take(): Uint8Array {
    const bytes = concat(this.out.splice(0));
    this.state.sheet.compressed += bytes.length;
    this.state.offset += bytes.length;
    return bytes;
  }

  /** @internal the opening XML, first piece only */
  head(xml: string): this {
    this.push(xml);
    return this;
  }

  /** These rows, numbered on from the last ones written. */
  append(rows: XlsxRow[]): void {
    if (!rows.length) return;
    let xml = "";
    for (const row of rows) xml += rowXml(row, ++this.state.rows);
    this.push(xml);
  }

  /** Ends this piece for another to continue: its bytes, byte-aligned and non-final. */
  end(): Uint8Array {
    this.deflate(false);
    return this.take();
  }

  /** Ends the file: the sheet's closing XML and final block, its descriptor, the central directory. */
  finish(): Uint8Array {
    this.push(SHEET_TAIL);
    this.deflate(true);
    const tail = this.take();
    const descriptor = dataDescriptor(this.state.sheet);
    this.state.offset += descriptor.length;
    const directory = centralDirectory([...this.state.entries, this.state.sheet], this.state.offset, this.state.at);
    this.state.offset += directory.length;
    return concat([tail, descriptor, directory]);
  }
}

/** The first piece: the small fixed parts whole and the sheet's local header; its rows go to `sheet`. */
export function startWorkbook(spec: SheetSpec, now: Date): { bytes: Uint8Array; state: WorkbookState; sheet: SheetPiece } {
  const encoder = new TextEncoder();
  const at = dosDateTime(now);
  const parts: Uint8Array[] = [];
  const entries: ZipEntrySums[] = [];
  let offset = 0;
  for (const [name, xml] of Object.entries(staticParts(spec))) {
    const data = encoder.encode(xml);
    const compressed = deflateRawSync(data, { level: LEVEL });
    const local = localHeader(encoder.encode(name), at);
    const descriptor = dataDescriptor({ crc: crc32(data), size: data.length, compressed: compressed.length });
    entries.push({ name, crc: crc32(data), size: data.length, compressed: compressed.length, offset });
    parts.push(local, compressed, descriptor);
    offset += local.length + compressed.length + descriptor.length;
  }
  const local = localHeader(encoder.encode(SHEET), at);
  parts.push(local);
  const state: WorkbookState = { at, entries, sheet: { name: SHEET, crc: 0, size: 0, compressed: 0, offset }, offset: offset + local.length, rows: 0 };
  return { bytes: concat(parts), state, sheet: new SheetPiece(state).head(sheetHead(spec)) };
}

/** A later piece, in another invocation, from the state the last one left. */
export function resumeWorkbook(state: WorkbookState): SheetPiece {
  return new SheetPiece(state);
}
