// The HTTP-only entry: Turso is reached over HTTP (libsql: URLs map to https), and the
// WebSocket client the `web` entry also carries would add ~5 KiB gzip to the Worker.
import { createClient } from "@libsql/client/http";
import { createDb, type Db } from "../../db/client";

/** Turso over HTTP; migrations are applied before deploy with drizzle-kit, not at runtime. */
export function createTursoDb(url: string, authToken: string | undefined): Db {
  return createDb(createClient({ url, authToken }));
}
