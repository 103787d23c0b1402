import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient, type Client } from "@libsql/client";
import { migrate } from "drizzle-orm/libsql/migrator";
import { createDb, type Db } from "../../db/client";
import { serializeWrites } from "./serialized-writes";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../migrations", import.meta.url));

/** Opens (creating if needed) the embedded libSQL database named by a `file:` or `:memory:` URL. */
export async function createNodeDb(url: string): Promise<{ db: Db; client: Client }> {
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length);
    if (path && !path.startsWith(":")) mkdirSync(dirname(path), { recursive: true });
  }
  // Writers of this process queue in JavaScript (serialized-writes.ts). `timeout` is the
  // busy timeout of every pooled connection (a PRAGMA would reach only one), for writers
  // of other processes on the same file.
  const client = serializeWrites(createClient({ url, timeout: 5000 }));
  if (url.startsWith("file:")) {
    // WAL lets readers run beside the one writer.
    await client.execute("PRAGMA journal_mode = WAL");
  }
  await client.execute("PRAGMA foreign_keys = ON");
  return { db: createDb(client), client };
}

export async function migrateNodeDb(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}
