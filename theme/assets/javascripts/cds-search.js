/* Search page: Pagefind UI in the page's language, reading ?q= from the URL.
   Pagefind ignores tone marks; đ is folded at build time (hidden text). */
(function () {
  "use strict";
  var box = document.getElementById("cds-search-results");
  if (!box || typeof PagefindUI === "undefined") { return; }
  var form = document.querySelector(".cds-search-page");
  if (form) { form.hidden = true; }
  var ui = new PagefindUI({ element: "#cds-search-results", showSubResults: false,
                            showImages: false, resetStyles: false });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { ui.triggerSearch(q); }
})();
