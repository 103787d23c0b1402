// Values the global setups hand to tests with provide()/inject().
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Hrana harness URL the workers project's TURSO_DATABASE_URL points at. */
    hranaUrl: string;
    /** ThaiD simulator the node project's test apps (and the workers project's Worker) sign applicants in against. */
    thaidIssuer: string;
    /** Workers project: a proxy in front of the Hrana harness that counts the requests through it. */
    countedHranaUrl: string;
    /** Workers project: a loopback mail API that records every request (test/support/http-recorders.ts). */
    mailApiUrl: string;
    /** Node host started for the e2e project. */
    baseUrl: string;
  }
}
