import { createClient } from "@libsql/client/web";
import { createDb, type Db } from "../../db/client";

/** Turso over HTTP; migrations are applied before deploy with drizzle-kit, not at runtime. */
export function createTursoDb(url: string, authToken: string | undefined): Db {
  return createDb(createClient({ url, authToken }));
}
