import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile, readFile } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import type { FileStore } from "../ports";

/** Uploads as files under `root`; metadata beside each in `<key>.json`. */
export function createFsFileStore(root: string): FileStore {
  const pathOf = (key: string) => {
    if (!/^[A-Za-z0-9_-]{8,128}$/.test(key)) throw new Error("invalid file key");
    return join(root, key);
  };
  return {
    async put(key, body, meta) {
      await mkdir(root, { recursive: true });
      const path = pathOf(key);
      const tmp = `${path}.part`;
      if (body instanceof Uint8Array) await writeFile(tmp, body);
      else await body.pipeTo(Writable.toWeb(createWriteStream(tmp)));
      await writeFile(`${path}.json`, JSON.stringify(meta));
      // Rename last, so a reader never sees a half-written file.
      await rename(tmp, path);
    },
    async get(key) {
      const path = pathOf(key);
      try {
        const [info, meta] = await Promise.all([stat(path), readFile(`${path}.json`, "utf8")]);
        const { contentType } = JSON.parse(meta) as { contentType: string };
        const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
        return { body, size: info.size, contentType };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      const path = pathOf(key);
      await rm(path, { force: true });
      await rm(`${path}.json`, { force: true });
    },
  };
}
