// Asks before leaving a long form (data-warn-unsaved) whose typed input has not been
// saved: dirty on input, clean again when the form is submitted or its draft has been
// autosaved (the server's fragment carries data-draft-saved). No script, no warning.
// A dirty form carries data-unsaved, for the session timeout (session-timeout.js) to park it;
// once parked, its "tidtam:parked" event makes leaving the page quiet.
(function () {
  var forms = new WeakSet();
  var dirty = {
    add: function (f) {
      forms.add(f);
      f.setAttribute("data-unsaved", "");
    },
    delete: function (f) {
      forms.delete(f);
      f.removeAttribute("data-unsaved");
    },
    has: function (f) {
      return forms.has(f);
    },
  };
  function formOf(el) {
    return el && el.closest ? el.closest("form[data-warn-unsaved]") : null;
  }
  function anyDirty() {
    var found = false;
    document.querySelectorAll("form[data-warn-unsaved]").forEach(function (f) {
      if (dirty.has(f)) found = true;
    });
    return found;
  }
  document.addEventListener("input", function (e) {
    var form = formOf(e.target);
    if (form) dirty.add(form);
  });
  document.addEventListener("change", function (e) {
    var form = formOf(e.target);
    if (form) dirty.add(form);
  });
  // Any submit leaves on purpose; the page the server answers with is the saved state.
  document.addEventListener("submit", function () {
    document.querySelectorAll("form[data-warn-unsaved]").forEach(function (f) {
      dirty.delete(f);
    });
  });
  // When each autosave began: typing after that point is not in the stored draft.
  var lastInput = new WeakMap();
  var saveStarted = new WeakMap();
  document.addEventListener("input", function (e) {
    var form = formOf(e.target);
    if (form) lastInput.set(form, Date.now());
  });
  document.addEventListener("htmx:before:request", function (e) {
    var form = formOf(e.target);
    if (form) saveStarted.set(form, Date.now());
  });
  // The autosave status is swapped in after a draft is stored: nothing is unsaved then.
  new MutationObserver(function (records) {
    records.forEach(function (r) {
      var el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (!el || !el.querySelector || !el.querySelector("[data-draft-saved]")) return;
      var form = formOf(el);
      if (form && (lastInput.get(form) || 0) <= (saveStarted.get(form) || 0)) dirty.delete(form);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("tidtam:parked", function () {
    document.querySelectorAll("form[data-warn-unsaved]").forEach(function (f) {
      dirty.delete(f);
    });
  });
  window.addEventListener("beforeunload", function (e) {
    if (!anyDirty()) return;
    e.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    e.returnValue = "";
  });
})();
