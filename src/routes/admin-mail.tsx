import { Hono } from "hono";
import type { AppContext, AppEnv } from "../app-env";
import { MAIL_REFUSAL_TH, OUTBOX_PAGE_SIZE, outboxFilterQuery, outboxQuery, type MailActionRefusal } from "../domain/outbox";
import { ForbiddenError, NotFoundError } from "../middleware/errors";
import { requireRole } from "../middleware/roles";
import { cancelMail, listOutboxPage, retryMail, type MailActionOutcome } from "../services/outbox-admin";
import { AdminMailPage } from "../views/pages/admin-mail";
import { setFlash } from "./session-cookie";
import { renderPage, seeOther } from "./render";
import { useCase } from "./use-case";

const TITLE = "จดหมายออก";

/** The list with the filters of the current URL (a retry/cancel form posts them back in its query). */
async function listPage(c: AppContext, refusal?: MailActionRefusal) {
  const filter = outboxFilterQuery.parse(c.req.query());
  const page = await listOutboxPage(c.var.deps.db, filter);
  return renderPage(
    c,
    { title: TITLE, status: refusal ? 409 : 200, hasErrors: Boolean(refusal) },
    <AdminMailPage
      rows={page.rows}
      total={page.total}
      counts={page.counts}
      page={page.page}
      pageSize={OUTBOX_PAGE_SIZE}
      filter={filter}
      csrfToken={c.var.csrfToken}
      refusal={refusal ? MAIL_REFUSAL_TH[refusal] : undefined}
    />,
  );
}

async function answer(c: AppContext, outcome: MailActionOutcome, flash: "mail_retried" | "mail_cancelled") {
  if (!outcome.ok) {
    if (outcome.reason === "forbidden") throw new ForbiddenError();
    if (outcome.reason === "not_found") throw new NotFoundError();
    return listPage(c, outcome.reason);
  }
  setFlash(c, flash);
  const filter = outboxFilterQuery.parse(c.req.query());
  return seeOther(c, `/admin/mail${outboxQuery(filter, filter.page)}`);
}

/** The outbox for admins: what did not arrive, sent again or stopped. */
export const adminMailRoutes = new Hono<AppEnv>()
  .use("*", requireRole("admin"))
  .get("/", (c) => listPage(c))
  .post("/:id/retry", async (c) => answer(c, await retryMail(useCase(c), c.req.param("id")), "mail_retried"))
  .post("/:id/cancel", async (c) => answer(c, await cancelMail(useCase(c), c.req.param("id")), "mail_cancelled"));
