import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { ROLE_HOME, ROLE_LABEL, type Role } from "../domain/roles";
import { requireRole } from "../middleware/roles";
import { NAV_BY_ROLE } from "../views/components/nav";
import { ContactPage } from "../views/pages/contact";
import { HomePage } from "../views/pages/home";
import { RoleHomePage } from "../views/pages/role-home";
import { failedMailCount } from "../services/outbox-admin";
import { getContactText } from "../services/settings";
import { renderPage } from "./render";

/** The front page, each role's landing page, and the public contact page. */
export const homeRoutes = new Hono<AppEnv>()
  .get("/", (c) => {
    if (c.var.user) return c.redirect(ROLE_HOME[c.var.user.role], 303);
    return renderPage(c, { title: "หน้าหลัก" }, <HomePage />);
  })
  .get("/contact", async (c) =>
    renderPage(
      c,
      { title: "ติดต่อเรา" },
      <ContactPage text={await getContactText(c.var.deps.db)} canEdit={c.var.user?.role === "admin"} />,
    ),
  );

// Roles whose home is still this landing page; the others are mounted by their own routes.
for (const role of ["admin"] as Role[]) {
  homeRoutes.get(ROLE_HOME[role], requireRole(role), async (c) => {
    const user = c.var.user!;
    // Failed mail may be someone's temporary password: the admin must see it on arrival.
    const failedMail = role === "admin" ? await failedMailCount(c.var.deps.db) : 0;
    return renderPage(
      c,
      { title: ROLE_LABEL[role] },
      <RoleHomePage role={role} displayName={user.displayName} links={NAV_BY_ROLE[role]} failedMail={failedMail} />,
    );
  });
}
