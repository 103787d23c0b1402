// Values the global setups hand to tests with provide()/inject().
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Hrana harness URL the workers project's TURSO_DATABASE_URL points at. */
    hranaUrl: string;
    /** ThaiD simulator the node project's test apps sign applicants in against. */
    thaidIssuer: string;
    /** Node host started for the e2e project. */
    baseUrl: string;
  }
}
