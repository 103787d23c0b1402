/**
 * Made once on Node with node:crypto (nodeCrypto installed), under the tests' data key
 * (bytes 0..31, the workers project's DATA_ENCRYPTION_KEY too): test/workers/host-crypto.test.ts
 * reads them back with workerd's node:crypto.
 */
export const NODE_MADE = {
  pid: "1101700230368",
  pidEnc: "v1.FCdRZxT1K_B0OuKm.FQUKsHMtwM3ipPDV4papNoM6r-gCC8D75xsU0XA",
  pidLookup: "FaZ1ytvizISCYzCoSnFqZ3l2r37VoxwFGuO0d1GNzA0",
  hmac: { key: "session secret ลับ", value: "csrf:คำขอ 🎓", base64url: "Td4pO-VWUZRzn-vzvcXZAbhi1mRaqk1sSNiiLZya2vM" },
  sha256: { value: "โทเคน session", hex: "9022a923dd5d52eb35267dde69741f311a9cf6d8ec6e1417c28d4de1b9767ed0" },
  /** Key bytes 0..31, IV bytes 100..111: AES-256-GCM (ciphertext + tag) of a string and of bytes, and a 42-byte HKDF. */
  gcm: {
    text: "ลับ 🎓",
    textSealed: "a8a37b86c158b626a442af7754f6ee4958c7d6053ef48b008b1283422f59",
    bytes: [1, 2, 3, 250],
    bytesSealed: "4919dd9c928f6cc717899946106da2cd8fe99bd5",
  },
  hkdf: { info: "info ข้อมูล", hex: "0e8f15f86f0be4c052b501de7c7b7270152d0c805ed30bc1b4a35f0f44bd5b74de673d83912e1a35a67b" },
};
