/* Search page of the portal, on Pagefind's JavaScript API.
 *
 * Pagefind loads the index of the page's <html lang> and ignores tone marks
 * ("chuyen doi so" finds "chuyển đổi số"), but it keeps "đ" apart from "d".
 * So every "d" of the query is also tried as "đ" ("duong" → "đuong", which
 * finds "đường"), and the results of all spellings are merged by score.
 * Result text is inserted with textContent only; <mark> comes from Pagefind's
 * excerpt and is rebuilt as elements, never as HTML.
 */
const PAGE_SIZE = 10;
const MAX_SPELLINGS = 8;

function spellings(query) {
  let variants = [""];
  for (const char of query) {
    if (char === "d" || char === "D") {
      const stroked = char === "d" ? "đ" : "Đ";
      variants = variants.flatMap((v) => [v + char, v + stroked]).slice(0, MAX_SPELLINGS);
    } else {
      variants = variants.map((v) => v + char);
    }
  }
  return variants;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));
}

function excerptNodes(excerpt) {
  // Pagefind's excerpt is text with <mark> around matches: keep only those.
  const doc = new DOMParser().parseFromString(`<p>${excerpt}</p>`, "text/html");
  const out = document.createElement("p");
  out.className = "cds-result__excerpt";
  for (const node of doc.body.firstChild.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(document.createTextNode(node.textContent));
    }
  }
  return out;
}

function renderResult(data) {
  const item = document.createElement("li");
  item.className = "cds-result";
  const title = document.createElement("h2");
  title.className = "cds-result__title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = (data.meta && data.meta.title) || data.url;
  title.append(link);
  item.append(title);
  if (data.meta && data.meta.date) {
    const date = document.createElement("p");
    date.className = "cds-meta";
    date.textContent = data.meta.date;
    item.append(date);
  }
  item.append(excerptNodes(data.excerpt || ""));
  return item;
}

async function loadIndex(bundles) {
  // The archive is indexed in shards of whole years: the first is the newest.
  const [first, ...older] = bundles;
  const pagefind = await import(`${first}pagefind.js`);
  await pagefind.options({ excerptLength: 24 });
  for (const bundle of older) {
    await pagefind.mergeIndex(bundle);
  }
  return pagefind;
}

async function search(pagefind, query) {
  const runs = await Promise.all(spellings(query).map((q) => pagefind.search(q)));
  const best = new Map();
  for (const run of runs) {
    for (const result of run.results) {
      const seen = best.get(result.id);
      if (!seen || seen.score < result.score) best.set(result.id, result);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

async function main() {
  const box = document.getElementById("cds-search-results");
  const input = document.getElementById("cds-q");
  const query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  input.value = query;
  if (!query) return;
  box.textContent = box.dataset.loading;
  const pagefind = await loadIndex(box.dataset.bundles.split(" "));
  const results = await search(pagefind, query);
  box.textContent = "";
  const heading = document.createElement("p");
  heading.className = "cds-meta";
  heading.textContent = fill(results.length ? box.dataset.results : box.dataset.none,
                             { n: results.length, q: query });
  const list = document.createElement("ol");
  list.className = "cds-results";
  box.append(heading, list);
  let shown = 0;
  const more = document.createElement("button");
  more.type = "button";
  more.className = "md-button";
  more.textContent = box.dataset.more;
  async function showMore() {
    const page = results.slice(shown, shown + PAGE_SIZE);
    shown += page.length;
    for (const data of await Promise.all(page.map((r) => r.data()))) {
      list.append(renderResult(data));
    }
    more.hidden = shown >= results.length;
  }
  more.addEventListener("click", showMore);
  box.append(more);
  await showMore();
}

main();
