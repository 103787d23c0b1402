/**
 * @module
 * SQL text made short enough to read in a benchmark line or a failed assertion
 * (used by scripts/bench.ts and test/support/query-counter.ts).
 */

/**
 * A statement on one line, a SELECT without its column list (noting subqueries in it),
 * so the FROM and WHERE that tell statements apart stay readable.
 */
export function shortSql(sql: string, maxLength = 200): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  let text = flat;
  if (/^select\b/i.test(flat)) {
    let depth = 0;
    let subqueries = 0;
    for (let i = 0; i < flat.length; i++) {
      const ch = flat[i];
      if (ch === "(") {
        depth++;
        if (/^\(\s*select\b/i.test(flat.slice(i, i + 10))) subqueries++;
      } else if (ch === ")") depth--;
      else if (depth === 0 && /^ from /i.test(flat.slice(i, i + 6))) {
        const note = subqueries ? ` (${subqueries} subquer${subqueries > 1 ? "ies" : "y"} among the columns)` : "";
        text = `select …${note}${flat.slice(i)}`;
        break;
      }
    }
  }
  return text.length > maxLength ? `${text.slice(0, maxLength)} …` : text;
}
