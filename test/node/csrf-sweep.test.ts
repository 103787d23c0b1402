/**
 * CSRF on every unsafe route of the router (so new routes are covered): for an
 * actor who may use the route (found by a real, valid submission), the same
 * submission is refused with 403 and the Thai CSRF message, and writes nothing,
 * when (a) it carries no token, (b) it carries a valid token but comes from
 * another origin (or names none), or (c) it carries a token of another session.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ActorClient,
  auditCount,
  bodyFor,
  buildWorld,
  classify,
  CSRF_TEXT,
  dbSnapshot,
  EVIL_ORIGIN,
  isSafe,
  isUploadForm,
  mutationOrder,
  resolvePath,
  type ActorName,
  type RouteDef,
  type SendResult,
  type UnsafeOptions,
  type World,
} from "../support/matrix-fixtures";

/** Tried in this order until one gets past authorization with a valid submission. */
const CANDIDATES: ActorName[] = ["officer", "agencyA", "universityX", "applicantA", "admin", "agencyB", "universityY", "applicantB"];

let world: World;
/** A second session of the same user, per actor: its token must not work in the first session. */
const secondSessions = new Map<ActorName, ActorClient>();
let otherVisitor: ActorClient;
/** Route key → the actor the sweep found allowed on it. */
const allowedActor = new Map<string, ActorName>();
const started = Date.now();

beforeAll(async () => {
  world = await buildWorld();
  otherVisitor = new ActorClient(world.t, "anonymous", null, "203.0.113.77");
  await otherVisitor.ensure();
}, 60_000);
afterAll(() => world?.t.close());

async function secondSessionOf(actor: ActorName): Promise<ActorClient> {
  let c = secondSessions.get(actor);
  if (!c) {
    c = new ActorClient(world.t, actor, world.userIds[actor], "203.0.113.78");
    await c.newSession();
    secondSessions.set(actor, c);
  }
  return c;
}

function unsafeRoutes(): RouteDef[] {
  return mutationOrder(world.routes.filter((r) => !isSafe(r.method)));
}

interface Variant {
  name: string;
  opts: UnsafeOptions;
}

async function variantsFor(route: RouteDef, client: ActorClient): Promise<Variant[]> {
  const own = client.browser.csrf!;
  // The way the route's own form travels (multipart for uploads, the token a body field either way).
  const via = isUploadForm(route) ? "multipart" : "field";
  const foreignUser = client.name === "officer" ? world.clients.admin : world.clients.officer;
  const variants: Variant[] = [
    { name: "(a) no token (urlencoded)", opts: { via: "none" } },
    { name: "(a) no token (multipart)", opts: { via: "multipart", csrf: null } },
    { name: `(b) valid token, Origin ${EVIL_ORIGIN}`, opts: { via, origin: EVIL_ORIGIN } },
    { name: `(b) valid token in X-CSRF-Token (htmx), Origin ${EVIL_ORIGIN}`, opts: { via: "header", origin: EVIL_ORIGIN } },
    { name: "(b) valid token, no Origin header", opts: { via, origin: null } },
    { name: "(c) token of another user's session", opts: { via, csrf: foreignUser.browser.csrf } },
    { name: "(c) token of a signed-out visitor", opts: { via, csrf: otherVisitor.browser.csrf } },
    { name: "(c) a made-up token", opts: { via, csrf: own.replace(/^./, (ch) => (ch === "a" ? "b" : "a")) } },
  ];
  if (client.signedIn) {
    variants.push({ name: "(c) token of the same user's other session", opts: { via, csrf: (await secondSessionOf(client.name)).browser.csrf } });
  }
  // Tokens never travel in URLs (logs, Referer): the upload forms' old way is refused.
  if (via === "multipart") variants.push({ name: "(a) valid token only in the URL (multipart)", opts: { via: "multipart-query" } });
  return variants;
}

function describeResult(r: SendResult): string {
  return `${r.status}${r.location ? ` → ${r.location}` : ""}`;
}

/** Sends every forged variant as `client`; returns what went wrong. */
async function sweep(route: RouteDef, path: string, client: ActorClient): Promise<{ problems: string[]; checks: number }> {
  const problems: string[] = [];
  await client.ensure();
  const variants = await variantsFor(route, client);
  for (const v of variants) {
    const before = await dbSnapshot(world.t);
    const auditBefore = await auditCount(world.t);
    const r = await client.unsafe(route.method, path, bodyFor(route), v.opts);
    const auditAfter = await auditCount(world.t);
    const wrote = (await dbSnapshot(world.t)) !== before;
    const label = `${route.key} as ${client.name}, ${v.name}`;
    if (r.status !== 403 || !r.text.includes(CSRF_TEXT)) problems.push(`${label}: expected 403 with "${CSRF_TEXT}", got ${describeResult(r)}`);
    if (auditAfter !== auditBefore) problems.push(`${label}: audit_events went from ${auditBefore} to ${auditAfter}`);
    else if (wrote) problems.push(`${label}: the database changed`);
  }
  return { problems, checks: variants.length };
}

/** The sweep runs in this many consecutive parts, so no one test carries all of it. */
const PARTS = 4;

describe("CSRF sweep over every unsafe route", () => {
  for (let part = 0; part < PARTS; part++) it(`refuses a submission without a token, from another origin, or with another session's token, and writes nothing (part ${part + 1} of ${PARTS})`, async () => {
    const problems: string[] = [];
    const usedBy: string[] = [];
    let checks = 0;
    const all = unsafeRoutes();
    // Consecutive slices, in order: the routes that delete what others use come last (mutationOrder).
    const size = Math.ceil(all.length / PARTS);
    const routes = all.slice(part * size, (part + 1) * size);
    for (const route of routes) {
      const path = resolvePath(route, world);
      // Find someone allowed: a real, valid submission must get past authorization.
      let chosen: ActorClient | null = null;
      for (const actor of CANDIDATES) {
        const client = world.clients[actor];
        const control = await client.send(route, path, bodyFor(route));
        const outcome = classify(control);
        if (outcome === "csrf-rejected") {
          problems.push(`${route.key} as ${actor}: a valid same-origin submission was refused as CSRF (${describeResult(control)})`);
          break;
        }
        if (outcome === "server-error") problems.push(`${route.key} as ${actor}: valid submission → ${describeResult(control)}`);
        if (outcome !== "denied") {
          chosen = client;
          break;
        }
      }
      if (!chosen) {
        problems.push(`${route.key}: no signed-in actor gets past authorization, so its CSRF check could not be swept`);
        continue;
      }
      usedBy.push(`${route.key} → ${chosen.name}`);
      allowedActor.set(route.key, chosen.name);
      const signedIn = await sweep(route, path, chosen);
      problems.push(...signedIn.problems);
      checks += signedIn.checks;

      // Forms open to visitors (sign-in, ThaiD) are swept as a visitor too: login CSRF.
      const visitor = world.clients.anonymous;
      if (classify(await visitor.send(route, path, bodyFor(route))) !== "denied") {
        const anon = await sweep(route, path, visitor);
        problems.push(...anon.problems);
        checks += anon.checks;
      }
    }
    console.info(
      `CSRF sweep part ${part + 1}/${PARTS}: ${routes.length} of ${all.length} unsafe routes, ${checks} forged submissions, ${((Date.now() - started) / 1000).toFixed(1)} s since set-up began\n  ` +
        (process.env.MATRIX_REPORT ? usedBy.join("\n  ") : ""),
    );
    expect(problems, `${problems.length} problems:\n${problems.join("\n")}`).toEqual([]);
    expect(all.length).toBeGreaterThan(30);
  });

  // README: "every POST/PUT/PATCH/DELETE needs a same-origin Origin and a per-session CSRF token".
  // A browser form can only send urlencoded, multipart or text/plain; this checks that the Origin rule
  // also holds for any other content type (a script sending JSON with the X-CSRF-Token header).
  it("refuses another origin whatever the content type (JSON with the X-CSRF-Token header)", async () => {
    const problems: string[] = [];
    for (const route of unsafeRoutes()) {
      const client = world.clients[allowedActor.get(route.key) ?? "officer"];
      await client.ensure();
      const before = await dbSnapshot(world.t);
      const auditBefore = await auditCount(world.t);
      const path = resolvePath(route, world);
      const res = await client.browser.request(path, {
        method: route.method,
        body: "{}",
        headers: { origin: EVIL_ORIGIN, "content-type": "application/json", "x-csrf-token": client.browser.csrf! },
      });
      const auditAfter = await auditCount(world.t);
      const wrote = (await dbSnapshot(world.t)) !== before;
      if (res.status !== 403 || !res.text.includes(CSRF_TEXT) || wrote) {
        const effect = auditAfter !== auditBefore ? `; audit_events ${auditBefore} → ${auditAfter}` : wrote ? "; the database changed" : "";
        problems.push(`${route.key} as ${client.name}: got past the CSRF check → ${res.status}${res.location ? ` → ${res.location.slice(0, 60)}` : ""}${effect}`);
      }
    }
    expect(
      problems,
      `${problems.length} unsafe routes accept a JSON submission from Origin ${EVIL_ORIGIN} carrying a valid X-CSRF-Token ` +
        `(the Origin check only runs for form content types):\n${problems.join("\n")}`,
    ).toEqual([]);
  });
});
