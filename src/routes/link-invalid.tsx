/**
 * @module
 * How every mailed single-use link answers once it cannot be used (unknown, used,
 * expired, or its account disabled): one 410 page that does not say which.
 */
import type { AppContext } from "../app-env";
import { LinkInvalidPage } from "../views/pages/account-reset";
import { renderPage } from "./render";

/** The link is a secret: neither its page nor this answer may be kept by a cache. */
export function noStore(c: AppContext): void {
  c.header("Cache-Control", "no-store");
}

export function linkInvalid(c: AppContext, again: { href: string; label: string }): Promise<Response> {
  noStore(c);
  return renderPage(c, { title: "ลิงก์ใช้ไม่ได้แล้ว", status: 410 }, <LinkInvalidPage again={again} />);
}
