/**
 * The module `npm run bench` runs in workerd (scripts/bench-password.ts): verifies
 * `?hash=` against `?password=` `?n=` times with the Workers host's argon2id.
 */
import { workersPasswordKdf } from "../../src/platform/workers/password-kdf";
import { verifyPassword } from "../../src/services/password";

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const hash = url.searchParams.get("hash") ?? "";
    const password = url.searchParams.get("password") ?? "";
    const n = Number(url.searchParams.get("n") ?? 1);
    let ok = 0;
    for (let i = 0; i < n; i++) if (await verifyPassword(workersPasswordKdf, password, hash)) ok++;
    return Response.json({ ok });
  },
};
