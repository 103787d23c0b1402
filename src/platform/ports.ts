/**
 * @module
 * The small interfaces behind which the two hosts differ. Routes, services and
 * views see only these; `src/platform/node` and `src/platform/workers` implement them.
 */

/** Time, injectable so expiry rules can be tested to the millisecond. */
export interface Clock {
  now(): Date;
}

export interface StoredFile {
  body: ReadableStream<Uint8Array>;
  size: number;
  contentType: string;
}

/** Uploaded files, keyed by a random key (never the user's file name). */
export interface FileStore {
  put(key: string, body: ReadableStream<Uint8Array> | Uint8Array, meta: { contentType: string }): Promise<void>;
  get(key: string): Promise<StoredFile | null>;
  delete(key: string): Promise<void>;
}

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** The outbox row id, so a receiving server can spot a retried duplicate. */
  messageId: string;
}

/** Hands one message to the outside world; throws when it could not. */
export interface MailTransport {
  readonly name: string;
  send(mail: OutgoingMail): Promise<void>;
}

/** Argon2id's cost: memory in KiB, passes over it, lanes. */
export interface Argon2Cost {
  memoryKiB: number;
  passes: number;
  parallelism: number;
}

/**
 * The host's password key derivation. Both hosts run the same algorithms (argon2id
 * from the same WebAssembly, PBKDF2 for hashes stored before argon2id), so a hash
 * made on one verifies on the other; src/services/password.ts owns the format.
 */
export interface PasswordKdf {
  argon2id(password: string, salt: Uint8Array, cost: Argon2Cost, bytes: number): Promise<Uint8Array>;
  pbkdf2Sha256(password: string, salt: Uint8Array, iterations: number, bytes: number): Promise<Uint8Array>;
}

/**
 * A cross-device ThaiD sign-in waiting for the phone. The QR shows only `id`; the
 * desktop browser that opened it holds the secret whose hash is `browserSecretHash`.
 */
export interface QrSession {
  id: string;
  browserSecretHash: string;
  state: string;
  nonce: string;
  codeVerifier: string | null;
  matchCode: string;
  requestedBy: { ip: string; userAgent: string; place: string | null };
  createdAt: Date;
  expiresAt: Date;
  status: "pending" | "approved" | "declined" | "claimed";
  /** Set when the phone completed ThaiD: the user the desktop will be signed in as. */
  userId: string | null;
}

/**
 * Server-side store of QR sessions with expiry enforced on every read (Node: DB
 * rows swept by the scheduler; Workers: one Durable Object per session with an alarm).
 */
export interface QrSessionStore {
  create(session: QrSession): Promise<void>;
  /** Null when unknown or expired. */
  get(id: string): Promise<QrSession | null>;
  /** The phone finished ThaiD (approved) or said no (declined); only from `pending`. */
  resolve(id: string, outcome: { status: "approved"; userId: string } | { status: "declined" }): Promise<boolean>;
  /**
   * One atomic, one-time transition approved → claimed, only for the browser that
   * holds the secret. Returns the user id to sign in, or null.
   */
  claim(id: string, browserSecretHash: string): Promise<string | null>;
}

/** Bytes, or a string taken as its UTF-8 bytes. */
export type CryptoInput = string | Uint8Array;

/**
 * The host's hashing and AES-GCM, synchronous on purpose: they run on every request
 * (session token hash, CSRF HMAC, national-ID decryption), and a trip to a thread pool
 * costs more than the work. Both implementations compute the same standard functions,
 * so what one writes the other reads; the stored encodings belong to src/services.
 */
export interface HostCrypto {
  readonly name: string;
  sha256(data: CryptoInput): Uint8Array;
  hmacSha256(key: CryptoInput, data: CryptoInput): Uint8Array;
  hkdfSha256(secret: Uint8Array, salt: Uint8Array, info: CryptoInput, bytes: number): Uint8Array;
  /** AES-256-GCM: the ciphertext with its 16-byte tag appended. */
  aesGcmEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: CryptoInput): Uint8Array;
  /** Takes ciphertext + tag; throws when the tag does not match. */
  aesGcmDecrypt(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array): Uint8Array;
}
