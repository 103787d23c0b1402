import { HTTPException } from "hono/http-exception";

/** A request without a valid CSRF token or from a foreign origin. */
export class CsrfError extends HTTPException {
  constructor() {
    super(403, { message: "csrf" });
  }
}

/** Signed in, but the role may not use this route. */
export class ForbiddenError extends HTTPException {
  constructor() {
    super(403, { message: "forbidden" });
  }
}

/** A record that does not exist or that the user may not know exists: same answer for both. */
export class NotFoundError extends HTTPException {
  constructor() {
    super(404, { message: "not found" });
  }
}
