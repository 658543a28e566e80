// report.html's only script: sortable tables and the map's year switches. Plain ES5, no
// libraries, so the page works offline in any browser a bureau has.
(function () {
  function cellValue(row, i) {
    var text = row.cells[i] ? row.cells[i].textContent.trim() : "";
    var n = Number(text);
    return text !== "" && !isNaN(n) ? n : text;
  }
  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") { return a - b; }
    return String(a).localeCompare(String(b), "zh-CN");
  }
  function sortBy(table, th, i) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var heads = table.tHead.rows[0].cells;
    for (var k = 0; k < heads.length; k++) { heads[k].removeAttribute("aria-sort"); }
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (x, y) {
      var c = compare(cellValue(x, i), cellValue(y, i));
      return ascending ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    if (!table.tHead || !table.tBodies.length) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      th.addEventListener("click", function () { sortBy(table, th, i); });
    });
  });
  // One arrow per school pair carries all its years: it stays while any of them is shown.
  var boxes = document.querySelectorAll("input[data-year]");
  Array.prototype.forEach.call(boxes, function (box) {
    box.addEventListener("change", function () {
      var on = [];
      Array.prototype.forEach.call(boxes, function (b) { if (b.checked) on.push(b.dataset.year); });
      var pairs = document.querySelectorAll("#map .flow-pair");
      Array.prototype.forEach.call(pairs, function (f) {
        var shown = f.dataset.years.split(" ").some(function (y) { return on.indexOf(y) >= 0; });
        f.classList.toggle("off", !shown);
      });
    });
  });
})();
