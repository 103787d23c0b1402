/**
 * @module
 * Node host adapters: embedded libSQL file, filesystem uploads, nodemailer,
 * native PBKDF2, croner.
 */
export { createNodeDb, migrateNodeDb } from "./db";
export { createFsFileStore } from "./files";
export { createSmtpTransport } from "./mail";
export { webCryptoPbkdf2 } from "./pbkdf2";
export { createDbQrStore } from "./qr-store";
export { startScheduler } from "./scheduler";
