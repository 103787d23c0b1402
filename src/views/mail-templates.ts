/**
 * @module
 * Moved to `src/messages/mail.ts`. Kept only so the onboarding files still in
 * flight on another branch resolve; delete once they import from messages/.
 */
export * from "../messages/mail";
