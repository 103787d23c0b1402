import { readFileSync } from "node:fs";
const p = JSON.parse(readFileSync(process.argv[2], "utf8"));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map(); const total = p.samples.length;
const counts = new Map(); for (const s of p.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const key = (n) => `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.replace(/.*node_modules\//, "nm:").replace(/.*\/wt\/speed\//, "")}:${n.callFrame.lineNumber}`;
const fileKey = (n) => n.callFrame.url.replace(/.*node_modules\//, "nm:").replace(/.*\/wt\/speed\//, "").split("/").slice(0, 3).join("/") || n.callFrame.functionName;
const selfF = new Map(); const incl = new Map();
for (const [id, c] of counts) { const n = byId.get(id); self.set(key(n), (self.get(key(n)) ?? 0) + c); selfF.set(fileKey(n), (selfF.get(fileKey(n)) ?? 0) + c);
  const seen = new Set(); let x = id; while (x !== undefined) { const k = key(byId.get(x)); if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + c); } x = parent.get(x); } }
const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${(100 * v / total).toFixed(1).padStart(5)}% ${k}`).join("\n");
console.log("SELF by function\n" + top(self, 30)); console.log("\nSELF by file\n" + top(selfF, 25));
if (process.argv[3]) console.log("\nINCLUSIVE\n" + top(incl, Number(process.argv[3])));
