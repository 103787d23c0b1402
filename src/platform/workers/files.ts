import type { FileStore } from "../ports";

/** Uploads in an R2 bucket, content type kept as HTTP metadata. */
export function createR2FileStore(bucket: R2Bucket): FileStore {
  return {
    async put(key, body, meta) {
      await bucket.put(key, body as ReadableStream | Uint8Array, { httpMetadata: { contentType: meta.contentType } });
    },
    async get(key) {
      const object = await bucket.get(key);
      if (!object) return null;
      return {
        body: object.body as unknown as ReadableStream<Uint8Array>,
        size: object.size,
        contentType: object.httpMetadata?.contentType ?? "application/octet-stream",
      };
    },
    async delete(key) {
      await bucket.delete(key);
    },
  };
}
