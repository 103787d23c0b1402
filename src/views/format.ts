/**
 * @module
 * Moved to `src/messages/dates.ts`. Kept only so the onboarding pages still in
 * flight on another branch resolve; delete once they import from messages/.
 */
export * from "../messages/dates";
