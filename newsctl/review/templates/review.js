(function () {
  "use strict";
  /* Optional: the page works without this. It scrolls to a finding from the panel and back. */
  var quick = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  function flash(el) { el.classList.remove("flash"); void el.offsetWidth; el.classList.add("flash"); setTimeout(function () { el.classList.remove("flash"); }, 1600); }
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".panel a[href^='#'], .box-list a[href^='#']");
    if (link) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) { return; }
      event.preventDefault();
      target.scrollIntoView({ behavior: quick ? "auto" : "smooth", block: "center" });
      if (history.replaceState) { history.replaceState(null, "", "#" + target.id); }
      flash(target);
      return;
    }
    var mark = event.target.closest(".finding[id]");
    if (!mark) { return; }
    var review = mark.closest(".review");
    var item = review && review.querySelector(".panel a[href='#" + mark.id + "']");
    if (item) { item.scrollIntoView({ block: "nearest", behavior: quick ? "auto" : "smooth" }); flash(item.parentNode); }
  });
  /* n / p: the next or previous finding still shown (the filters can hide some) */
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || (event.key !== "n" && event.key !== "p")) { return; }
    if (event.target.closest && event.target.closest("input, textarea, select")) { return; }
    var items = Array.prototype.filter.call(document.querySelectorAll(".panel .item a[href^='#']"), function (a) { return a.offsetParent !== null; });
    if (!items.length) { return; }
    var current = items.findIndex(function (a) { return a.getAttribute("href") === location.hash; });
    var next = event.key === "n" ? current + 1 : (current < 0 ? items.length - 1 : current - 1);
    items[(next + items.length) % items.length].click();
  });
})();
