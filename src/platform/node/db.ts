import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient, type Client } from "@libsql/client";
import { migrate } from "drizzle-orm/libsql/migrator";
import { createDb, type Db } from "../../db/client";
import { serializeWrites } from "./serialized-writes";
import { CachedClient } from "./cached-client";

/** SQLite's own (event-loop-blocking) busy wait on the Node host; longer waits are async retries. */
export const NODE_BUSY_TIMEOUT_MS = 10;

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../migrations", import.meta.url));

/** Opens (creating if needed) the embedded libSQL database named by a `file:` or `:memory:` URL. */
export async function createNodeDb(url: string): Promise<{ db: Db; client: Client }> {
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length);
    if (path && !path.startsWith(":")) mkdirSync(dirname(path), { recursive: true });
  }
  // Writers of this process queue in JavaScript (serialized-writes.ts). Against writers of
  // other processes (a backup, an `sqlite3` shell, a second instance) SQLite's own busy wait
  // would run inside the driver's synchronous call and freeze every request, so it is kept
  // to a few milliseconds and the waiting happens in JavaScript instead (db/busy.ts).
  // `timeout` reaches every pooled connection, which a PRAGMA would not.
  const client = serializeWrites(embeddedClient(url));
  if (url.startsWith("file:")) {
    // WAL lets readers run beside the one writer.
    await client.execute("PRAGMA journal_mode = WAL");
  }
  await client.execute("PRAGMA foreign_keys = ON");
  return { db: createDb(client), client };
}

/**
 * Plain `file:<path>` and `:memory:` URLs get the client that keeps prepared statements
 * (cached-client.ts); anything else (`file://` forms, query options) `@libsql/client` parses.
 */
function embeddedClient(url: string): Client {
  const path = url === ":memory:" ? url : url.startsWith("file:") && !url.startsWith("file://") && !url.includes("?") ? url.slice("file:".length) : null;
  if (path) return new CachedClient({ path, timeout: NODE_BUSY_TIMEOUT_MS });
  return createClient({ url, timeout: NODE_BUSY_TIMEOUT_MS });
}

export async function migrateNodeDb(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}
