/* Latest-news widget options, read from the page's query string:
   count (1–10), category (key), images (1), compact (1), lang (vi/en), ref (member unit id).
   The list is rebuilt from the JSON embedded in the page, with textContent only. */
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var lang = params.get("lang");
  if (lang && lang !== document.documentElement.lang && /^(vi|en)$/.test(lang)) {
    var other = lang === "en" ? "/en/embed/latest/" : "/nhung/tin-moi/";
    params.delete("lang");
    window.location.replace(other + (params.toString() ? "?" + params.toString() : ""));
    return;
  }
  var data;
  try { data = JSON.parse(document.getElementById("w-data").textContent); } catch (e) { return; }
  var count = Math.min(10, Math.max(1, parseInt(params.get("count") || "5", 10) || 5));
  var category = params.get("category");
  var images = params.get("images") === "1";
  var ref = params.get("ref");
  if (params.get("compact") === "1") { document.body.classList.add("w-compact"); }
  var list = document.getElementById("w-list");
  function withRef(url) {
    if (!ref) { return url; }
    var u = new URL(url);
    u.searchParams.set("ref", ref);
    return u.toString();
  }
  var items = data.filter(function (item) { return !category || item.c === category; }).slice(0, count);
  list.textContent = "";
  items.forEach(function (item) {
    var li = document.createElement("li");
    li.className = "w-item";
    if (images && item.i) {
      var img = document.createElement("img");
      img.src = new URL(item.i, window.location.href).toString(); img.alt = ""; img.loading = "lazy"; img.width = 320; img.height = 180;
      li.appendChild(img);
    }
    var a = document.createElement("a");
    a.href = withRef(item.u); a.target = "_top"; a.textContent = item.t;
    var date = document.createElement("span");
    date.className = "w-date"; date.textContent = item.d;
    li.appendChild(a); li.appendChild(date);
    list.appendChild(li);
  });
  document.querySelectorAll(".w-more a").forEach(function (a) { a.href = withRef(a.href); });
})();
