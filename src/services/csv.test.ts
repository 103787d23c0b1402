import { describe, expect, it } from "vitest";
import { batchRows } from "../domain/onboarding/batches";
import { csvText } from "./csv";

describe("CSV as our files are written", () => {
  it("starts with the byte-order mark, ends each line in CRLF, quotes what needs it and runs no formula", () => {
    expect(csvText([{ cells: ["หัวข้อ", "b"] }, { cells: ["=HYPERLINK(\"x\")", 'a,"b"', 3, null] }, { cells: [] }])).toBe(
      '\uFEFFหัวข้อ,b\r\n"\'=HYPERLINK(""x"")","a,""b""",3,\r\n\r\n',
    );
  });

  it("writes the officers' go-live batches with the same rules (an e-service may be named like a formula)", () => {
    const rows = batchRows([{ date: "2026-11-24", services: [{ id: "s", name: "+cmd", agencyName: "กรม, ทดสอบ", launched: false }] }]);
    expect(csvText(rows.map((cells) => ({ cells })))).toBe('\uFEFF2026-11-24,\'+cmd,"กรม, ทดสอบ",รอเปิดให้บริการ\r\n');
  });
});
