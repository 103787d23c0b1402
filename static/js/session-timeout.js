// The GOV.UK timeout warning: five minutes before the idle limit (data-session-idle-ms on
// <body>, signed-in pages only) a modal asks whether to stay signed in; "stay" posts the
// keep-alive with the page's CSRF header. Page loads and htmx requests (autosaves) count as
// activity, as the server counts them. When the countdown runs out, whatever is typed in a
// form not yet saved (data-unsaved, set by unsaved-warning.js) is posted to the timeout, which
// parks it and signs out, and the page goes to "signed out"; its sign-in link leads back to the
// form, filled again. If that post fails (no network) the page stays, with the typing on it.
(function () {
  var WARN_BEFORE_MS = 5 * 60 * 1000;
  document.addEventListener("DOMContentLoaded", function () {
    var idle = Number(document.body.getAttribute("data-session-idle-ms"));
    var dialog = document.getElementById("session-timeout");
    if (!idle || !dialog || typeof dialog.showModal !== "function") return;
    var button = dialog.querySelector("[data-keepalive]");
    var warnTimer = null;
    var lastFocus = null;
    function csrf() {
      try {
        return JSON.parse(document.body.getAttribute("hx-headers:inherited") || "{}")["X-CSRF-Token"] || "";
      } catch (e) {
        return "";
      }
    }
    function expired() {
      dialog.querySelector("[data-when-warned]").hidden = true;
      dialog.querySelector("[data-when-expired]").hidden = false;
      button.hidden = true;
    }
    function unsavedFields() {
      var body = new URLSearchParams();
      var form = document.querySelector("form[data-warn-unsaved][data-unsaved]");
      if (!form) return body;
      new FormData(form).forEach(function (value, name) {
        if (typeof value === "string") body.append(name, value);
      });
      return body;
    }
    function signOut() {
      var next = location.pathname;
      fetch(dialog.getAttribute("data-timeout"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRF-Token": csrf(), "Content-Type": "application/x-www-form-urlencoded" },
        body: unsavedFields(),
      }).then(function (res) {
        // Parked (204), or parked by the server's own expiry (401), or nothing to park (403);
        // anything else may have lost the typing on the way: stay on the page.
        if ([204, 401, 403].indexOf(res.status) < 0) return expired();
        document.dispatchEvent(new CustomEvent("tidtam:parked"));
        location.assign("/signed-out?next=" + encodeURIComponent(next));
      }, expired);
    }
    function schedule() {
      clearTimeout(warnTimer);
      warnTimer = setTimeout(warn, Math.max(0, idle - WARN_BEFORE_MS));
    }
    function warn() {
      if (dialog.open) return;
      lastFocus = document.activeElement;
      dialog.showModal();
      button.focus();
      warnTimer = setTimeout(signOut, WARN_BEFORE_MS);
    }
    function close() {
      if (dialog.open) dialog.close();
      if (lastFocus && lastFocus.focus) lastFocus.focus();
    }
    button.addEventListener("click", function () {
      fetch(button.getAttribute("data-keepalive"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRF-Token": csrf() },
      }).then(function (res) {
        if (res.ok) {
          close();
          schedule();
        } else signOut();
      }, expired);
    });
    // Esc closes the dialog without the keep-alive; the warning returns on schedule.
    dialog.addEventListener("cancel", function () {
      if (lastFocus && lastFocus.focus) setTimeout(function () { lastFocus.focus(); });
    });
    document.addEventListener("htmx:after:request", function () {
      if (!dialog.open) schedule();
    });
    schedule();
  });
})();
