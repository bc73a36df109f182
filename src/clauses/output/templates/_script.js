(function () {
  "use strict";
  /* each convention's verdicts and panel work on their own (one in a dossier, several in a portfolio) */
  document.querySelectorAll(".verdict-section").forEach(function (box) {
    var rows = box.querySelectorAll("table.verdict-table tbody tr");
    var buttons = box.querySelectorAll("button.pick");
    var placeholder = box.querySelector(".panel .placeholder");
    function select(id) {
      box.querySelectorAll(".panel .detail").forEach(function (d) { d.hidden = d.dataset.verdict !== id; });
      buttons.forEach(function (b) { b.setAttribute("aria-expanded", String(b.dataset.verdict === id)); });
      rows.forEach(function (r) { r.setAttribute("aria-selected", String(r.dataset.verdict === id)); });
      if (placeholder) { placeholder.hidden = true; }
    }
    buttons.forEach(function (b) { b.addEventListener("click", function () { select(b.dataset.verdict); }); });
    rows.forEach(function (r) {
      r.addEventListener("click", function (e) { if (e.target.tagName !== "BUTTON") { select(r.dataset.verdict); } });
    });
  });
})();
