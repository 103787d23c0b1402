import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { validateForm } from "../domain/forms";
import { contactForm } from "../domain/settings-forms";
import { ForbiddenError } from "../middleware/errors";
import { requireRole } from "../middleware/roles";
import { getContactText, setContactText } from "../services/settings";
import { ContactEditPage } from "../views/pages/contact";
import { adminAuditRoutes } from "./admin-audit";
import { renderPage, seeOther } from "./render";
import { useCase } from "./use-case";
import { setFlash } from "./session-cookie";

export const adminRoutes = new Hono<AppEnv>()
  .use("*", requireRole("admin"))
  .route("/audit", adminAuditRoutes)
  .get("/contact", async (c) =>
    renderPage(c, { title: "แก้ไขหน้าติดต่อเรา" }, <ContactEditPage text={await getContactText(c.var.deps.db)} csrfToken={c.var.csrfToken} />),
  )
  .post("/contact", async (c) => {
    const form = validateForm(contactForm, await c.req.parseBody());
    if (!form.ok) {
      return renderPage(
        c,
        { title: "แก้ไขหน้าติดต่อเรา", status: 422, hasErrors: true },
        <ContactEditPage text={form.values.text ?? ""} errors={form.errors} csrfToken={c.var.csrfToken} />,
      );
    }
    const saved = await setContactText(useCase(c), form.data.text);
    if (!saved.ok) throw new ForbiddenError();
    setFlash(c, "contact_saved");
    return seeOther(c, "/contact");
  });
