/**
 * Who may use which route: every route of the router × nine actors, against one
 * declared policy table. Routes come from `app.routes`, so a new route fails here
 * until someone decides who may use it.
 *
 * allowed = got past authorization (2xx, 3xx, or a state/validation 4xx such as 400/409/413/422/429);
 * denied  = the sign-in redirect (anonymous GET), 403, or 404. A denial of a record
 *           that another user of the same role may see must be 404 ("not yours" looks
 *           like "does not exist"); a denial by role must be 403 (or the sign-in redirect).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications, requestDocuments } from "../../src/db/schema";
import {
  ACTORS,
  addFinishedRequest,
  addNotification,
  bodyFor,
  buildWorld,
  CHILD_PARAMS,
  classify,
  dbSnapshot,
  isSafe,
  mutationOrder,
  paramNames,
  PDF_FILE,
  resolvePath,
  ROLE_OF,
  type ActorName,
  type RouteDef,
  type SendResult,
  type World,
} from "../support/matrix-fixtures";

// ---------------------------------------------------------------------------
// The policy. Records in paths are the primary side's: a request filed by
// university X under applicant A's national ID (and its document and tracking
// link), university X's draft, agency A's e-services (at a step where the route
// is meaningful), its tester, test attempt, files and notification, agency A
// itself, and a pending ThaiD QR sign-in.

const EVERYONE = ACTORS;
const SIGNED_IN = ACTORS.filter((a) => a !== "anonymous");
const STAFF = ["universityX", "universityY", "agencyA", "agencyB", "officer", "admin"] as const;
const OFFICERS = ["officer", "admin"] as const;
const ADMIN = ["admin"] as const;
const APPLICANTS = ["applicantA", "applicantB"] as const;
const UNIVERSITIES = ["universityX", "universityY"] as const;
const AGENCIES = ["agencyA", "agencyB"] as const;
/** Applicant A's request: its applicant, its university, officers. */
const REQUEST_VIEWERS = ["applicantA", "universityX", "officer", "admin"] as const;
const UNIVERSITY_X = ["universityX"] as const;
/** Agency A's e-service: its agency and officers. */
const SERVICE_VIEWERS = ["agencyA", "officer", "admin"] as const;
const AGENCY_A = ["agencyA"] as const;

const POLICY: Record<string, readonly ActorName[]> = {
  // Public pages and sign-in (ThaiD QR ids are bearer secrets: holding one is the permission).
  "GET /healthz": EVERYONE,
  "GET /healthz/mail": EVERYONE,
  "GET /": EVERYONE,
  "GET /contact": EVERYONE,
  "GET /processing-times": EVERYONE,
  "GET /help/thaid": EVERYONE,
  "GET /login": EVERYONE,
  "POST /login": EVERYONE,
  "POST /logout": EVERYONE,
  "POST /session/keepalive": SIGNED_IN,
  "POST /session/timeout": EVERYONE,
  "GET /signed-out": EVERYONE,
  "POST /login/qr": EVERYONE,
  "GET /login/qr/:id": EVERYONE,
  "POST /login/qr/:id/poll": EVERYONE,
  "GET /q/:id": EVERYONE,
  "POST /q/:id/decline": EVERYONE,
  "POST /q/:id/approve": EVERYONE,
  "POST /auth/thaid/start": EVERYONE,
  "GET /auth/thaid/callback": EVERYONE,

  // Academic requests.
  "GET /me": APPLICANTS,
  "GET /requests/:id": REQUEST_VIEWERS,
  "GET /track/:token": REQUEST_VIEWERS,
  "POST /requests/:id/actions": OFFICERS,
  "POST /requests/:id/documents": UNIVERSITY_X,
  "GET /requests/:id/documents/:documentId": REQUEST_VIEWERS,
  "POST /requests/:id/documents/:documentId/status": OFFICERS,
  "POST /requests/:id/tracking-link": OFFICERS,
  "POST /requests/:id/tracking-link/revoke": OFFICERS,
  "POST /requests/:id/tracking-link/mail": OFFICERS,
  "POST /requests/:id/pid": OFFICERS,
  "GET /university": UNIVERSITIES,
  "GET /university/requests/new": UNIVERSITIES,
  "POST /university/requests": UNIVERSITIES,
  "POST /university/requests/new/draft": UNIVERSITIES,
  "GET /university/requests/:id/edit": UNIVERSITY_X,
  "POST /university/requests/:id": UNIVERSITY_X,
  "POST /university/requests/:id/draft": UNIVERSITY_X,
  "GET /university/requests/:id/check": UNIVERSITY_X,
  "POST /university/requests/:id/submit": UNIVERSITY_X,

  // Officers' desk.
  "GET /officer": OFFICERS,
  "GET /officer/reviews": OFFICERS,
  "GET /officer/batches": OFFICERS,
  "GET /officer/batches.csv": OFFICERS,
  "GET /officer/onboarding": OFFICERS,
  "GET /officer/onboarding.csv": OFFICERS,
  "GET /officer/onboarding.xlsx": OFFICERS,
  "GET /officer/export.xlsx": OFFICERS,
  "POST /officer/exports": OFFICERS,
  // A background export is its owner's alone (the officer's here): anyone else, an admin too, is told it does not exist.
  "GET /officer/exports/:id": ["officer"],
  "GET /officer/exports/:id/file": ["officer"],
  "GET /officer/overview": OFFICERS,
  "GET /officer/overview.csv": OFFICERS,
  "GET /officer/overview.xlsx": OFFICERS,
  "GET /officer/agencies": OFFICERS,
  "POST /officer/agencies": OFFICERS,
  "GET /officer/agencies/:id": OFFICERS,
  "POST /officer/agencies/:id/users": OFFICERS,
  "POST /officer/agencies/:id/eservices": OFFICERS,

  // Admin.
  "GET /admin": ADMIN,
  "GET /admin/contact": ADMIN,
  "POST /admin/contact": ADMIN,
  "GET /admin/mail": ADMIN,
  "POST /admin/mail/:id/retry": ADMIN,
  "POST /admin/mail/:id/cancel": ADMIN,
  "GET /dev/mail": ADMIN,
  "GET /admin/universities": ADMIN,
  "POST /admin/universities": ADMIN,
  "GET /admin/universities/:id": ADMIN,
  "POST /admin/universities/:id": ADMIN,
  "POST /admin/universities/:id/deactivate": ADMIN,
  "POST /admin/universities/:id/reactivate": ADMIN,

  // Staff accounts (the path's account is a university staff member, which officers and admins manage;
  // an account an officer may not manage answers 404, checked in staff.test.ts).
  "GET /staff": OFFICERS,
  "GET /staff/new": OFFICERS,
  "POST /staff": OFFICERS,
  "GET /staff/:id": OFFICERS,
  "POST /staff/:id/disable": OFFICERS,
  "POST /staff/:id/enable": OFFICERS,
  "POST /staff/:id/resend": OFFICERS,
  "POST /staff/:id/role": ADMIN,
  "GET /admin/audit": ADMIN,
  "GET /admin/audit/export.csv": ADMIN,
  "GET /admin/audit/export.xlsx": ADMIN,
  "POST /admin/audit/exports": ADMIN,
  // The admin's own background export (the world has one admin; another admin's 404 is in audit-export-jobs.test.ts).
  "GET /admin/audit/exports/:id": ADMIN,
  "GET /admin/audit/exports/:id/file": ADMIN,

  // Audit trails of one record.
  "GET /audit/requests/:id": OFFICERS,
  "GET /audit/eservices/:id": OFFICERS,
  "GET /audit/agencies/:id": OFFICERS,
  "GET /audit/users/:id": OFFICERS,

  // First sign-in set-up (staff with passwords).
  "GET /account/setup": STAFF,
  "POST /account/setup/checklist": STAFF,
  "POST /account/setup": STAFF,

  // A staff member's own account. Mailed links are bearer secrets: holding one is the permission
  // (the token names the account, whoever is signed in).
  "GET /account": STAFF,
  "POST /account": STAFF,
  "GET /account/password": STAFF,
  "POST /account/password": STAFF,
  "GET /account/email/:token": EVERYONE,
  "POST /account/email/:token": EVERYONE,
  "GET /forgot-password": EVERYONE,
  "POST /forgot-password": EVERYONE,
  "POST /password-checklist": EVERYONE,
  "GET /reset-password/:token": EVERYONE,
  "POST /reset-password/:token": EVERYONE,

  // Agency side.
  "GET /agency": AGENCIES,
  "GET /agency/eservices": AGENCIES,
  "GET /agency/launched": AGENCIES,
  "GET /agency/batches": AGENCIES,
  // Scoped to the caller's agency in SQL: agency B's post is a silent no-op, answered like an unknown id
  // (checked below: "not yours ≡ does not exist" and "agency B cannot mark agency A's notification read").
  "POST /agency/notifications/:id/read": AGENCIES,

  // One e-service's steps.
  "GET /eservices/:id": SERVICE_VIEWERS,
  "GET /eservices/:id/steps/:no": SERVICE_VIEWERS,
  "POST /eservices/:id/steps/:no": AGENCY_A,
  "GET /eservices/:id/steps/:no/check": AGENCY_A,
  "POST /eservices/:id/steps/:no/submit": AGENCY_A,
  "POST /eservices/:id/steps/:no/draft": AGENCY_A,
  "POST /eservices/:id/steps/:no/review": OFFICERS,
  "POST /eservices/:id/icon": AGENCY_A,
  "GET /eservices/:id/files/:fileId": SERVICE_VIEWERS,
  "GET /eservices/:id/steps/4/parts/:part": AGENCY_A,
  "POST /eservices/:id/steps/4/parts/:part/refresh": AGENCY_A,
  "POST /eservices/:id/steps/4/parts/:part": AGENCY_A,
  "POST /eservices/:id/steps/4/parts/:part/draft": AGENCY_A,
  "POST /eservices/:id/steps/4/auth-letter": AGENCY_A,
  "GET /eservices/:id/steps/4/check": AGENCY_A,
  "POST /eservices/:id/credentials": AGENCY_A,
  "POST /eservices/:id/credentials/reset": OFFICERS,
  "POST /eservices/:id/steps/5/icon": AGENCY_A,
  "POST /eservices/:id/steps/5/screenshots": AGENCY_A,
  "GET /eservices/:id/steps/5/screenshots/:fid/delete": AGENCY_A,
  "POST /eservices/:id/steps/5/screenshots/:fid/:op{up|down|delete}": AGENCY_A,
  "GET /eservices/:id/steps/:no/testers/new": AGENCY_A,
  "POST /eservices/:id/steps/:no/testers": AGENCY_A,
  "GET /eservices/:id/steps/:no/testers/:tid/edit": AGENCY_A,
  "POST /eservices/:id/steps/:no/testers/:tid": AGENCY_A,
  "GET /eservices/:id/steps/:no/testers/:tid/delete": AGENCY_A,
  "POST /eservices/:id/steps/:no/testers/:tid/delete": AGENCY_A,
  // A recorded view of a tester's full national ID: its agency, and officers reviewing.
  "POST /eservices/:id/steps/:no/testers/:tid/pid": SERVICE_VIEWERS,
  "POST /eservices/:id/steps/:no/attempts": AGENCY_A,
  "GET /eservices/:id/steps/:no/attempts/:aid/file": SERVICE_VIEWERS,
  "GET /eservices/:id/steps/:no/attempts/:aid/edit": AGENCY_A,
  "POST /eservices/:id/steps/:no/attempts/:aid": AGENCY_A,
  "GET /eservices/:id/steps/:no/attempts/:aid/delete": AGENCY_A,
  "POST /eservices/:id/steps/:no/attempts/:aid/delete": AGENCY_A,
  // The live batch preview never reads the service: any agency user gets the same answer for any id,
  // existing or not, and nothing about the service is in it (checked below: "not yours ≡ does not exist").
  "POST /eservices/:id/steps/7/preview": AGENCIES,
  "POST /eservices/:id/steps/7": AGENCY_A,
  "POST /eservices/:id/golive/move": OFFICERS,
  "GET /eservices/:id/golive.ics": SERVICE_VIEWERS,
};

// ---------------------------------------------------------------------------

/** Non-owners before owners, so a route that removes its record does so after everyone else was checked. */
const ACTOR_ORDER: ActorName[] = ["anonymous", "applicantB", "universityY", "agencyB", "applicantA", "universityX", "officer", "admin", "agencyA"];
/** Records of one user: a staff member past the route's role gate who is not the owner gets 404, whatever their role. */
const OWNER_ONLY = new Set(["GET /officer/exports/:id", "GET /officer/exports/:id/file"]);
/** Actors whose same-role twin owns the primary side's records. */
const NON_OWNERS: ActorName[] = ["applicantB", "universityY", "agencyB"];

let world: World;
const started = Date.now();
beforeAll(async () => {
  world = await buildWorld();
}, 60_000);
afterAll(() => world?.t.close());

function allowedBy(route: RouteDef): readonly ActorName[] {
  return POLICY[route.key] ?? [];
}

function describeResult(r: SendResult): string {
  return `${r.status}${r.location ? ` → ${r.location}` : ""}`;
}

/** How a denial must look for this actor on this route, or null if any denial form is fine. */
function expectedDenialForm(route: RouteDef, actor: ActorName, path: string, r: SendResult): string | null {
  if (actor === "anonymous") {
    if (isSafe(route.method)) {
      const want = `/login?next=${encodeURIComponent(path)}`;
      return r.status === 303 && r.location === want ? null : `expected 303 → ${want}`;
    }
    return r.status === 403 ? null : "expected 403";
  }
  const role = ROLE_OF[actor];
  if (OWNER_ONLY.has(route.key) && (role === "officer" || role === "admin")) return r.status === 404 ? null : "expected 404 (someone else's export)";
  const sameRoleAllowed = allowedBy(route).some((a) => a !== actor && ROLE_OF[a] === role);
  if (sameRoleAllowed) return r.status === 404 ? null : "expected 404 (not yours must look like does not exist)";
  return r.status === 403 ? null : "expected 403 (role may not use this route)";
}

describe("authorization matrix", () => {
  it("has a policy for every route of the router, and no policy for a route that is gone", () => {
    const keys = world.routes.map((r) => r.key);
    const missing = keys.filter((k) => !(k in POLICY));
    const stale = Object.keys(POLICY).filter((k) => !keys.includes(k));
    expect(missing, `routes missing from the POLICY table in ${import.meta.url}:\n  ${missing.join("\n  ")}`).toEqual([]);
    expect(stale, `POLICY entries for routes the router no longer has:\n  ${stale.join("\n  ")}`).toEqual([]);
    expect(world.routes.length).toBeGreaterThan(50);
  });

  // Runs before the matrix (which changes state): only non-owners, who must not change anything.
  it("answers a non-owner for someone else's record exactly as for a record that does not exist", async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const route of mutationOrder(world.routes)) {
      if (!(route.key in POLICY) || paramNames(route.path).length === 0) continue;
      // Public routes have no owner (a QR id is a bearer secret).
      if (allowedBy(route).includes("anonymous")) continue;
      for (const actor of NON_OWNERS) {
        const client = world.clients[actor];
        const real = await client.send(route, resolvePath(route, world), bodyFor(route));
        const missing = await client.send(route, resolvePath(route, world, { missing: true }), bodyFor(route));
        checked++;
        const a = classify(real);
        const b = classify(missing);
        if (real.status !== missing.status || a !== b) {
          problems.push(`${route.key} as ${actor}: someone else's record → ${describeResult(real)}, unknown id → ${describeResult(missing)}`);
        }
      }
    }
    console.info(`not yours ≡ does not exist: ${checked} route × non-owner pairs`);
    expect(problems, problems.join("\n")).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  // Own parent record + another owner's child id: the child must be out of reach through it, i.e.
  // answered exactly as an unknown child id of that parent, and nothing written.
  it("does not reach a child record (document, tester, attempt, file, screenshot) through another parent", async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const route of mutationOrder(world.routes)) {
      if (!(route.key in POLICY) || !paramNames(route.path).some((p) => CHILD_PARAMS.has(p))) continue;
      // Parent: the twin side's (university Y / applicant B / agency B); child: the primary side's.
      const foreign = resolvePath(route, world, { parent: world.twin, child: world.primary, op: "delete" });
      const unknown = resolvePath(route, world, { parent: world.twin, child: world.twin, missingChild: true, op: "delete" });
      for (const actor of ACTOR_ORDER) {
        const before = await dbSnapshot(world.t);
        const r = await world.clients[actor].send(route, foreign, bodyFor(route));
        const wrote = (await dbSnapshot(world.t)) !== before;
        const u = await world.clients[actor].send(route, unknown, bodyFor(route));
        checked++;
        if (r.status !== u.status || classify(r) !== classify(u) || wrote || classify(r) === "server-error") {
          problems.push(
            `${route.key} as ${actor}: another parent's child (${foreign}) → ${describeResult(r)}${wrote ? " and WROTE to the database" : ""}; ` +
              `unknown child → ${describeResult(u)}`,
          );
        }
      }
    }
    console.info(`child records through another parent: ${checked} route × actor pairs`);
    expect(problems, problems.join("\n")).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it("allows and denies every route × actor exactly as the policy says", async () => {
    const mismatches: string[] = [];
    const counts = { checks: 0, allowed: 0, denied: 0 };
    const report: string[][] = [];
    for (const route of mutationOrder(world.routes)) {
      if (!(route.key in POLICY)) {
        mismatches.push(`${route.key}: not in POLICY`);
        continue;
      }
      const allowed = new Set(allowedBy(route));
      const path = resolvePath(route, world);
      const row: string[] = [];
      report.push(row);
      row.push(route.key.padEnd(70));
      for (const actor of ACTOR_ORDER) {
        const r = await world.clients[actor].send(route, path, bodyFor(route));
        counts.checks++;
        row.push(`${actor}=${r.status}`);
        const outcome = classify(r);
        const expected = allowed.has(actor) ? "allowed" : "denied";
        if (outcome === expected) {
          counts[expected]++;
          if (expected === "denied") {
            const form = expectedDenialForm(route, actor, path, r);
            if (form) mismatches.push(`${route.key} as ${actor}: denied with ${describeResult(r)}, ${form}`);
          }
          continue;
        }
        const why =
          outcome === "csrf-rejected" ? " (the test's CSRF token was refused: harness problem)" : outcome === "server-error" ? ` (server error)` : "";
        mismatches.push(`${route.key} as ${actor} (${route.method} ${path}): expected ${expected}, got ${outcome} ${describeResult(r)}${why}`);
      }
    }
    console.info(
      `authorization matrix: ${world.routes.length} routes × ${ACTORS.length} actors = ${counts.checks} checks ` +
        `(${counts.allowed} allowed, ${counts.denied} denied) in ${((Date.now() - started) / 1000).toFixed(1)} s since set-up began`,
    );
    // MATRIX_REPORT=1 prints every route's status per actor.
    if (process.env.MATRIX_REPORT) console.info(report.map((r) => r.join(" ")).join("\n"));
    expect(mismatches, `${mismatches.length} route × actor results differ from POLICY:\n${mismatches.join("\n")}`).toEqual([]);
    expect(counts.checks).toBe(world.routes.length * ACTORS.length);
  });

  it("does not let agency B mark agency A's notification read (its post is a no-op)", async () => {
    const id = await addNotification(world.t, world.primary.agencyId);
    const r = await world.clients.agencyB.unsafe("POST", `/agency/notifications/${id}/read`);
    expect(r.status).toBe(303);
    const [row] = await world.t.db.select().from(notifications).where(eq(notifications.id, id));
    expect(row!.readAt).toBeNull();
    await world.clients.agencyA.unsafe("POST", `/agency/notifications/${id}/read`);
    const [after] = await world.t.db.select().from(notifications).where(eq(notifications.id, id));
    expect(after!.readAt).not.toBeNull();
  });

  // The request page offers the upload form only while the request is not finished (canUpload);
  // the server must enforce the same rule, not just the page.
  it("refuses university X's document upload to its finished request", async () => {
    const id = await addFinishedRequest(world.t, world.primary);
    const uni = world.clients.universityX;
    const page = await uni.get(`/requests/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(`action="/requests/${id}/documents`);
    const r = await uni.unsafe("POST", `/requests/${id}/documents`, { file: PDF_FILE() }, { via: "multipart" });
    const docs = await world.t.db.select().from(requestDocuments).where(eq(requestDocuments.requestId, id));
    expect(
      { refused: r.status >= 400, documentsAdded: docs.length },
      `a university added a document to a finished request (answer ${r.status}${r.location ? ` → ${r.location}` : ""}) although its page offers no upload form`,
    ).toEqual({ refused: true, documentsAdded: 0 });
  });

  it("keeps the signed-in actors signed in as who they are (sanity of the harness)", async () => {
    for (const actor of SIGNED_IN) {
      const r = await world.clients[actor].get("/contact");
      expect(r.status).toBe(200);
      expect(r.text).toContain(actor);
    }
  });
});
