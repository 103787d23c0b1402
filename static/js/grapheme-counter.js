// Live "0/140" counters for fields limited in characters as a person sees them:
// Thai vowels and tone marks count with their base letter (Intl.Segmenter graphemes),
// the same count the server enforces. Without this script the server still checks.
(function () {
  var seg = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("th", { granularity: "grapheme" }) : null;
  function count(s) {
    if (!seg) return Array.from(s).length;
    var n = 0;
    for (var _ of seg.segment(s)) n++;
    return n;
  }
  function update(field) {
    var out = document.querySelector('[data-count-for="' + field.id + '"]');
    if (!out) return;
    var max = Number(field.getAttribute("data-max"));
    var n = count(field.value.trim());
    out.textContent = n + "/" + max;
    out.classList.toggle("over", n > max);
  }
  document.addEventListener("input", function (e) {
    if (e.target && e.target.hasAttribute && e.target.hasAttribute("data-max")) update(e.target);
  });
  function updateAll() {
    document.querySelectorAll("[data-max]").forEach(update);
  }
  document.addEventListener("DOMContentLoaded", updateAll);
  // Back/forward restores typed text after load; htmx swaps bring new fields.
  window.addEventListener("pageshow", updateAll);
  document.addEventListener("htmx:afterSwap", updateAll);
  document.addEventListener("htmx:after:swap", updateAll);
})();
