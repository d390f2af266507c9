// The evidence view's behaviour: facts <-> spans, and the index filters. No network, no
// libraries; every id it looks up was written by the report itself.
(function () {
  "use strict";

  function clearActive() {
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
    document.querySelectorAll(".span-facts").forEach(function (el) { el.hidden = true; el.textContent = ""; });
  }

  function marksOf(spanId) {
    return document.querySelectorAll('mark[data-span="' + spanId + '"]');
  }

  function showFact(fact) {
    clearActive();
    fact.classList.add("active");
    var marks = marksOf(fact.dataset.span);
    marks.forEach(function (m) { m.classList.add("active"); });
    if (marks.length) { marks[0].scrollIntoView({ block: "center" }); }
  }

  function showSpan(mark) {
    clearActive();
    marksOf(mark.dataset.span).forEach(function (m) { m.classList.add("active"); });
    var doc = mark.closest("article.doc");
    var box = doc.querySelector(".span-facts");
    var ids = (mark.dataset.facts || "").split(" ").filter(Boolean);
    var title = document.createElement("strong");
    title.textContent = ids.length === 1 ? "1 fact from this span" : ids.length + " facts from this span";
    box.appendChild(title);
    var list = document.createElement("ul");
    ids.forEach(function (id) {
      var fact = document.getElementById(id);
      if (!fact) { return; }
      fact.classList.add("active");
      var item = document.createElement("li");
      item.textContent = fact.textContent;
      list.appendChild(item);
    });
    box.appendChild(list);
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("click", function (event) {
    var fact = event.target.closest("li.fact");
    if (fact) { showFact(fact); return; }
    var mark = event.target.closest("mark[data-span]");
    if (mark) { showSpan(mark); }
  });
  document.addEventListener("keydown", function (event) {
    var fact = event.target.closest && event.target.closest("li.fact");
    if (fact && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); showFact(fact); }
  });

  // Index filters: an article shows when it matches every filter that is set.
  var filters = document.querySelectorAll("[data-filter]");
  function matches(el) {
    var ok = true;
    filters.forEach(function (input) {
      var want = input.value.trim().toLowerCase();
      if (!want) { return; }
      var key = input.dataset.filter;
      if (key === "text") {
        ok = ok && el.dataset.headline.toLowerCase().indexOf(want) !== -1;
      } else {
        ok = ok && (el.dataset[key] || "").toLowerCase().split("|").indexOf(want) !== -1;
      }
    });
    return ok;
  }
  function applyFilters() {
    var shown = 0;
    document.querySelectorAll("nav.index li[data-article]").forEach(function (entry) {
      var doc = document.getElementById(entry.dataset.article);
      var ok = matches(entry);
      entry.classList.toggle("hidden", !ok);
      if (doc) { doc.classList.toggle("hidden", !ok); }
      if (ok) { shown += 1; }
    });
    var count = document.getElementById("shown-count");
    if (count) { count.textContent = String(shown); }
  }
  filters.forEach(function (input) {
    input.addEventListener("input", applyFilters);
    input.addEventListener("change", applyFilters);
  });
})();
