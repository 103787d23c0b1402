// Live countdowns to a deadline (the Monday 12:00 batch cutoff). The server renders
// the same text at page load; this only keeps it current. No script, no harm.
(function () {
  function fmt(ms) {
    if (ms <= 0) return "ถึงกำหนดแล้ว";
    var s = Math.floor(ms / 1000);
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    return (d ? d + " วัน " : "") + h + " ชั่วโมง " + m + " นาที " + sec + " วินาที";
  }
  function tick() {
    document.querySelectorAll("[data-deadline]").forEach(function (el) {
      el.textContent = fmt(Date.parse(el.getAttribute("data-deadline")) - Date.now());
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    tick();
    setInterval(tick, 1000);
  });
})();
