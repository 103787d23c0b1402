/**
 * @module
 * Node host adapters: embedded libSQL file, filesystem uploads, nodemailer,
 * argon2id (WebAssembly) and PBKDF2 (WebCrypto) for passwords, node:crypto for
 * hashing and AES-GCM, croner.
 */
export { createNodeDb, migrateNodeDb } from "./db";
export { nodeCrypto } from "./crypto";
export { createFsFileStore } from "./files";
export { createSmtpTransport } from "./mail";
export { nodePasswordKdf } from "./password-kdf";
export { createDbQrStore } from "./qr-store";
export { startScheduler } from "./scheduler";
