// The digest page's behaviour: evidence links light their span in the article's view,
// network nodes show their entity, timeline marks point at their entry. No network, no
// libraries; it only clones and moves what the page already holds (no innerHTML).
(function () {
  "use strict";

  function clearActive() {
    document.querySelectorAll(".active, .target").forEach(function (el) {
      el.classList.remove("active");
      el.classList.remove("target");
    });
  }

  function showEvidence(link) {
    clearActive();
    var doc = document.getElementById(link.getAttribute("href").slice(1));
    if (!doc) { return; }
    var marks = doc.querySelectorAll('[data-span="' + link.dataset.span + '"]');
    marks.forEach(function (m) { m.classList.add("active"); });
    doc.classList.add("target");
    (marks[0] || doc).scrollIntoView({ block: "center" });
  }

  function showEntity(node) {
    document.querySelectorAll("svg.network .node.active").forEach(function (n) { n.classList.remove("active"); });
    node.classList.add("active");
    var source = document.querySelector('#ent-' + node.dataset.entity + ' .entity-detail');
    var panel = document.getElementById("network-panel");
    if (!source || !panel) { return; }
    var copy = source.cloneNode(true);
    copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    panel.replaceChildren(copy);
  }

  function showEntry(mark) {
    clearActive();
    var entry = document.getElementById("tl-" + mark.dataset.entry);
    if (!entry) { return; }
    entry.classList.add("active");
    entry.scrollIntoView({ block: "center" });
  }

  function openEntity(link) {
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }

  function activate(target) {
    var link = target.closest("a.ev");
    if (link) { showEvidence(link); return true; }
    var node = target.closest("svg.network .node");
    if (node) { showEntity(node); return true; }
    var mark = target.closest("svg.timeline-strip .tl-mark");
    if (mark) { showEntry(mark); return true; }
    var entity = target.closest("a.ent");
    if (entity) { openEntity(entity); }
    return false;
  }

  document.addEventListener("click", function (event) {
    if (activate(event.target)) { event.preventDefault(); }
  });
  document.addEventListener("keydown", function (event) {
    if ((event.key === "Enter" || event.key === " ") && event.target.closest &&
        event.target.closest("svg .node, svg .tl-mark")) {
      event.preventDefault();
      activate(event.target);
    }
  });
})();
