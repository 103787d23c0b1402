/**
 * @module
 * Step 6, การทดสอบผ่าน Pre-Production: test attempts exactly as on UAT
 * (uat-tests.tsx), run against the pre-production environment.
 */
import { testAttemptsSection } from "./uat-tests";

/** Step 6 on the shared page. */
export const preprodTestsSection = testAttemptsSection("Pre-Production");
