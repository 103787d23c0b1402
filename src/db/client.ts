/**
 * @module
 * The one database type the app sees, whatever host made the client.
 */
import type { Client } from "@libsql/client";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
// The web entry: it pulls in no native driver, so the same code bundles for workerd.
import { drizzle } from "drizzle-orm/libsql/web";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = LibSQLDatabase<Schema>;
/** A drizzle transaction handle; services take `Db | Tx` when they can run inside either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export function createDb(client: Client): Db {
  return drizzle(client, { schema });
}

export { schema };
