/**
 * @module
 * The one-time token a create form carries (services/form-once.ts keeps what
 * became of it; views/components/once-field.tsx renders it).
 */

/** The hidden field's name. */
export const FORM_TOKEN_FIELD = "_once";

/** 128 bits or more, base64url or a UUID; anything else is treated as no token. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22,64}$/;

/** The posted token, or null when the form had none (or something that is not one). */
export function formToken(body: Record<string, unknown>): string | null {
  const value = body[FORM_TOKEN_FIELD];
  return typeof value === "string" && TOKEN_SHAPE.test(value) ? value : null;
}
