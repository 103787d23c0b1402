/**
 * The ThaiD simulator for the node project: a real OpenID provider on a free
 * port, registered with the test app's callback.
 */
import type { TestProject } from "vitest/node";
import { startThaidSimulator } from "../../scripts/thaid-simulator";

export const TEST_THAID_CLIENT = { clientId: "tidtam-test", clientSecret: "test-client-secret-0123456789" };

export default async function setup(project: TestProject) {
  const simulator = await startThaidSimulator({
    port: 0,
    clients: [{ ...TEST_THAID_CLIENT, redirectUris: ["http://localhost:3000/auth/thaid/callback"] }],
  });
  project.provide("thaidIssuer", simulator.issuer);
  return () => simulator.close();
}
