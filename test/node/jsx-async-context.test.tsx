import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createContext, useContext } from "hono/jsx";
import { describe, expect, it, vi } from "vitest";
import { renderWithoutAsyncContext } from "../../src/platform/node/jsx-async-context";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe("hono/jsx on the Node host", () => {
  it("renders without AsyncLocalStorage, whose promise hooks would tax every promise of the process", async () => {
    renderWithoutAsyncContext();
    // The observable difference: a provided value does not survive an await in an async component.
    const Place = createContext("ค่าเริ่มต้น");
    const Late = async () => {
      await Promise.resolve();
      return <b>{useContext(Place)}</b>;
    };
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const html = await (
      <Place.Provider value="ค่าที่ให้">
        <Late />
      </Place.Provider>
    ).toString();
    warn.mockRestore();
    expect(String(html)).toBe("<b>ค่าเริ่มต้น</b>");
    // Plain rendering is unaffected.
    expect(String((<p class="x">{"<ไทย>"}</p>).toString())).toBe('<p class="x">&lt;ไทย&gt;</p>');
  });

  it("is safe because no view reads a context", () => {
    const readers = sourceFiles("src").filter((f) => /\b(useContext|createContext)\b/.test(readFileSync(f, "utf8")) && !f.endsWith("jsx-async-context.ts"));
    expect(readers, "a view reads a hono/jsx context: it would lose its value after an await on the Node host (src/platform/node/jsx-async-context.ts)").toEqual([]);
  });
});
