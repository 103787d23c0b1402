/**
 * Made once on Node with node:crypto (nodeCrypto installed), under the tests' data key
 * (bytes 0..31, the workers project's DATA_ENCRYPTION_KEY too): test/workers/host-crypto.test.ts
 * reads them back with the @noble implementation inside workerd.
 */
export const NODE_MADE = {
  pid: "1101700230368",
  pidEnc: "v1.FCdRZxT1K_B0OuKm.FQUKsHMtwM3ipPDV4papNoM6r-gCC8D75xsU0XA",
  pidLookup: "FaZ1ytvizISCYzCoSnFqZ3l2r37VoxwFGuO0d1GNzA0",
  hmac: { key: "session secret ลับ", value: "csrf:คำขอ 🎓", base64url: "Td4pO-VWUZRzn-vzvcXZAbhi1mRaqk1sSNiiLZya2vM" },
  sha256: { value: "โทเคน session", hex: "9022a923dd5d52eb35267dde69741f311a9cf6d8ec6e1417c28d4de1b9767ed0" },
};
