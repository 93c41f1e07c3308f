/* Latest-news box for member websites, rendered from the portal's JSON Feed.
 *   <div data-cds-tin-moi data-count="5" data-lang="vi" data-ref="unit-id"></div>
 *   <script src="https://<portal>/assets/javascripts/cds-tin-moi.js" async></script>
 * Feed data is only ever set with textContent; the box lives in a shadow root so
 * the host page's styles don't reach it and its styles don't leak; no globals. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var portal = new URL(".", new URL("../..", script.src)).toString();
  var CSS = ":host{display:block}.w{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1a1a1a}" +
    ".w{border-top:4px solid #a50e22;padding:8px 10px;background:#fff}h2{font-size:16px;margin:0 0 6px;color:#7d0a19}" +
    "ol{list-style:none;margin:0;padding:0}li{padding:6px 0;border-bottom:1px solid #e3e3e3}" +
    "a{color:#0b5cad;font-weight:600;text-decoration:none}a:hover{text-decoration:underline}" +
    ".d{display:block;font-size:13px;color:#555}";
  var HEADINGS = { vi: "Tin mới về chuyển đổi số", en: "Digital transformation news" };
  function render(box) {
    var lang = box.getAttribute("data-lang") === "en" ? "en" : "vi";
    var count = Math.min(10, Math.max(1, parseInt(box.getAttribute("data-count") || "5", 10) || 5));
    var ref = box.getAttribute("data-ref");
    var feed = portal + (lang === "en" ? "en/feed.json" : "feed.json");
    var root = box.attachShadow ? box.attachShadow({ mode: "open" }) : box;
    var style = document.createElement("style");
    style.textContent = CSS;
    var wrap = document.createElement("div");
    wrap.className = "w";
    var heading = document.createElement("h2");
    heading.textContent = HEADINGS[lang];
    var list = document.createElement("ol");
    wrap.appendChild(heading); wrap.appendChild(list);
    root.appendChild(style); root.appendChild(wrap);
    fetch(feed, { credentials: "omit" }).then(function (r) { return r.json(); }).then(function (data) {
      (data.items || []).slice(0, count).forEach(function (item) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        var url = new URL(item.url);
        if (ref) { url.searchParams.set("ref", ref); }
        a.href = url.toString();
        a.target = "_blank";
        a.rel = "noopener";
        a.textContent = item.title;
        var date = document.createElement("span");
        date.className = "d";
        date.textContent = new Date(item.date_published).toLocaleDateString(lang === "en" ? "en-GB" : "vi-VN",
          lang === "en" ? { day: "numeric", month: "long", year: "numeric", timeZone: "Asia/Ho_Chi_Minh" }
                        : { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Asia/Ho_Chi_Minh" });
        li.appendChild(a); li.appendChild(date);
        list.appendChild(li);
      });
    }).catch(function () { wrap.hidden = true; });
  }
  document.querySelectorAll("[data-cds-tin-moi]").forEach(function (box) {
    if (!box.hasAttribute("data-cds-ready")) { box.setAttribute("data-cds-ready", ""); render(box); }
  });
})();
