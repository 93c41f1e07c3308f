/* Banner kit: the chosen unit's id goes into every embed code; copy buttons. */
(function () {
  "use strict";
  var form = document.querySelector(".cds-unit-picker");
  var select = document.getElementById("cds-unit");
  if (!form || !select) { return; }
  var placeholder = form.getAttribute("data-placeholder");
  select.addEventListener("change", function () {
    var unit = select.value || placeholder;
    document.querySelectorAll("textarea[data-template]").forEach(function (area) {
      area.value = area.getAttribute("data-template").split(placeholder).join(unit);
    });
  });
  document.querySelectorAll(".cds-copy").forEach(function (button) {
    button.hidden = false;
    var label = button.textContent;
    button.addEventListener("click", function () {
      var area = document.getElementById(button.getAttribute("data-target"));
      var done = function () {
        button.textContent = button.getAttribute("data-done");
        setTimeout(function () { button.textContent = label; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(area.value).then(done, function () { area.select(); });
      } else {
        area.select();
        try { document.execCommand("copy"); done(); } catch (e) { /* the text stays selected */ }
      }
    });
  });
})();
