import Database from "libsql";
import { mkdtempSync } from "node:fs"; import { tmpdir } from "node:os"; import { join } from "node:path";
const db = new Database(join(mkdtempSync(join(tmpdir(), "m-")), "m.db"));
db.exec("pragma journal_mode=wal; create table s(id text primary key, u text, a int, b int); create table u(id text primary key, role text, n text, un text, org text, ph text, m int, d int);");
for (let i = 0; i < 1000; i++) { db.prepare("insert into s values (?,?,?,?)").run("s" + i, "u" + i, i, i); db.prepare("insert into u values (?,?,?,?,?,?,?,?)").run("u" + i, "r", "name", "un", null, "ph", 0, null); }
const st = db.prepare('select s.id, s.a, s.b, u.id, u.role, u.n, u.un, u.org, u.ph, u.m, u.d from s inner join u on u.id = s.u where s.id = ? limit 1'); st.raw(true);
const one = db.prepare("select 1"); one.raw(true);
const t = (name, f) => { for (let i = 0; i < 5000; i++) f(i); const c0 = process.cpuUsage(); const N = 50000; for (let i = 0; i < N; i++) f(i); const c = process.cpuUsage(c0); console.log(name, ((c.user + c.system) / N).toFixed(2), "µs"); };
for (let k = 0; k < 2; k++) {
t("join all", (i) => st.all(["s" + (i % 1000)]));
t("join get", (i) => st.get(["s" + (i % 1000)]));
t("select1 all", () => one.all([]));
t("select1 get", () => one.get([]));
}
