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
 * const first = startWorkbook(spec, now);             // part 0: first.bytes + first.sheet's rows
 * first.sheet.append(rows); save(first.bytes, first.sheet.end(), first.state);
 * const next = resumeWorkbook(state);                 // parts 1 … n, each in its own invocation
 * next.append(rows); save(next.end() or, for the last, next.finish(), state);
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

/**
 * One piece's share of the sheet: rows go through one compressor (its window spans
 * the piece's pages), and the piece ends either sync-flushed, for the next piece to
 * continue, or final, with the rest of the zip after it.
 */
export class SheetPiece {
  private readonly out: Uint8Array[] = [];
  private readonly deflate = new Deflate({ level: 6 }, (chunk) => this.out.push(chunk));
  private readonly encoder = new TextEncoder();

  constructor(private readonly state: WorkbookState) {}

  private push(xml: string, final: boolean) {
    const data = this.encoder.encode(xml);
    this.state.sheet.crc = crc32(data, this.state.sheet.crc);
    this.state.sheet.size += data.length;
    this.deflate.push(data, final);
  }

  private take(): Uint8Array {
    const bytes = concat(this.out.splice(0));
    this.state.sheet.compressed += bytes.length;
    this.state.offset += bytes.length;
    return bytes;
  }

  /** @internal the opening XML, first piece only */
  head(xml: string): this {
    this.push(xml, false);
    return this;
  }

  /** These rows, numbered on from the last ones written. */
  append(rows: XlsxRow[]): void {
    if (rows.length) this.push(rows.map((row) => rowXml(row, ++this.state.rows)).join(""), false);
  }

  /** Ends this piece for another to continue: its bytes, byte-aligned and non-final. */
  end(): Uint8Array {
    this.deflate.flush(false);
    this.out.push(syncFlushTail(this.deflate));
    return this.take();
  }

  /** Ends the file: the sheet's closing XML and final block, its descriptor, the central directory. */
  finish(): Uint8Array {
    this.push(SHEET_TAIL, true);
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
  return { bytes: concat(parts), state, sheet: new SheetPiece(state).head(sheetHead(spec)) };
}

/** A later piece, in another invocation, from the state the last one left. */
export function resumeWorkbook(state: WorkbookState): SheetPiece {
  return new SheetPiece(state);
}
