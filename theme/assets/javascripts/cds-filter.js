/* Directive documents: filter the list by type (the list works without it). */
(function () {
  "use strict";
  var form = document.querySelector(".cds-filter");
  var select = document.getElementById("cds-doctype");
  if (!form || !select) { return; }
  form.hidden = false;
  select.addEventListener("change", function () {
    document.querySelectorAll(".cds-documents > li").forEach(function (item) {
      item.hidden = select.value !== "" && item.getAttribute("data-type") !== select.value;
    });
  });
})();
