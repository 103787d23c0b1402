import { FORM_TOKEN_FIELD } from "../../domain/form-token";

/**
 * The hidden one-time token of a form that creates something: fresh on every
 * render, so a double click (or a resend) of this rendered form creates once, and
 * a re-rendered form is a new attempt. See services/form-once.ts.
 */
export function OnceField() {
  return <input type="hidden" name={FORM_TOKEN_FIELD} value={crypto.randomUUID()} />;
}
