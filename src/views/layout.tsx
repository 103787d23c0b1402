import type { Child } from "hono/jsx";
import { SESSION_IDLE_MS, type SessionUser } from "../services/session";
import { SessionTimeoutDialog } from "./components/session-timeout";
import { ASSETS } from "./assets";
import { NAV_BY_ROLE } from "./components/nav";
import { Flash } from "./components/flash";

export interface LayoutProps {
  title: string;
  user: SessionUser | null;
  csrfToken: string;
  flash?: string | null;
  /** Prefixes the title with "ข้อผิดพลาด: " so screen-reader users hear a failed submit first. */
  hasErrors?: boolean;
  /** The enhancement scripts (and chart stylesheet) the page's content has something for; a phone downloads no other. */
  scripts?: PageScripts;
  children?: Child;
}

export interface PageScripts {
  counter: boolean;
  countdown: boolean;
  unsavedWarning: boolean;
  /** Not a script: the chart stylesheet, kept out of app.css so pages without a chart weigh less. */
  charts: boolean;
}

/** The whole page: Thai first, one stylesheet (two with a chart), htmx deferred, CSRF header for every htmx request. */
export function Layout(props: LayoutProps) {
  const title = `${props.hasErrors ? "ข้อผิดพลาด: " : ""}${props.title} | ติดตาม tidtam`;
  // During the forced first-login set-up every other page bounces back to it, so offer none.
  const settingUp = props.user?.mustChangePassword === true;
  const nav = props.user && !settingUp ? NAV_BY_ROLE[props.user.role] : [];
  return (
    <html lang="th">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content='{"includeIndicatorCSS":false}' />
        <title>{title}</title>
        <link rel="preload" href={ASSETS.fontThai} as="font" type="font/woff2" crossorigin="anonymous" />
        <link rel="stylesheet" href={ASSETS.css} />
        {props.scripts?.charts ? <link rel="stylesheet" href={ASSETS.chartsCss} /> : null}
        <script src={ASSETS.htmx} defer></script>
        {props.scripts?.counter ? <script src={ASSETS.counter} defer></script> : null}
        {props.scripts?.countdown ? <script src={ASSETS.countdown} defer></script> : null}
        {props.scripts?.unsavedWarning ? <script src={ASSETS.unsavedWarning} defer></script> : null}
        {props.user ? <script src={ASSETS.sessionTimeout} defer></script> : null}
      </head>
      <body hx-headers:inherited={JSON.stringify({ "X-CSRF-Token": props.csrfToken })} data-session-idle-ms={props.user ? String(SESSION_IDLE_MS) : undefined}>
        <a class="skip-link" href="#main">
          ข้ามไปยังเนื้อหา
        </a>
        <header class="site-header">
          <div class="container header-row">
            <a class="brand" href={settingUp ? "/account/setup" : "/"}>
              ติดตาม <span lang="en">tidtam</span>
            </a>
            <nav aria-label="เมนูหลัก">
              <ul class="nav-list">
                {nav.map((item) => (
                  <li>
                    <a href={item.href}>{item.label}</a>
                  </li>
                ))}
              </ul>
            </nav>
            {props.user ? (
              <form method="post" action="/logout" class="logout-form">
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <span class="user-name">{props.user.displayName}</span>
                <button type="submit" class="button-link">
                  ออกจากระบบ
                </button>
              </form>
            ) : (
              <a href="/login" class="login-link">
                เข้าสู่ระบบ
              </a>
            )}
          </div>
        </header>
        <main id="main" class="container" tabindex={-1}>
          <Flash message={props.flash ?? null} />
          {props.children}
        </main>
        {props.user ? <SessionTimeoutDialog /> : null}
        <footer class="site-footer">
          <div class="container">
            {settingUp ? null : <a href="/contact">ติดต่อเรา</a>}
          </div>
        </footer>
      </body>
    </html>
  );
}
