/* Search page of the portal, on the static index of cdsportal/outputs/search.py.
 *
 * Words are folded as the index folds them: lower case, tone marks and other
 * diacritics dropped, "đ" read as "d" — "chuyen doi so" finds "chuyển đổi số"
 * and "duong" finds "đường". Every word of the query must be found; the last
 * one, from three letters on, may also be the start of a longer word
 * ("digit" finds "digital", "dich vu truc tuy" finds "dịch vụ trực tuyến").
 * Results are ranked by BM25 (weights precomputed by the build), newest first
 * on equal scores.
 *
 * Only the files a query needs are fetched: index.json, then for each shard
 * the word files that may hold the query's words, then the document files
 * of the results shown. Result text is inserted with textContent only.
 */
const PAGE_SIZE = 10;
const MIN_PREFIX = 3; // shorter words are syllables in their own right ("so" is not "song")
const PREFIX_FACTOR = 0.5; // a word that only starts with the query word counts half
const EXCERPT_WORDS = 30;

export function fold(text) {
  // As search.py's fold: non-ASCII punctuation and spaces part words, then
  // marks and letters without an ASCII base are dropped.
  return text.replace(/đ/g, "d").replace(/Đ/g, "D")
    .replace(/[^\x00-\x7f\p{L}\p{N}_\u0300-\u036f]/gu, " ").normalize("NFD")
    .replace(/[^\x00-\x7f]/g, "").toLowerCase();
}

export function words(text) {
  return fold(text).match(/[a-z0-9]+/g) || [];
}

const files = new Map();
function fetchJSON(url) {
  if (!files.has(url)) {
    files.set(url, fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response.json();
    }));
  }
  return files.get(url);
}

// The word files of a shard that may hold `word` (and, for a prefix, the
// words after it): the last file starting at or before it, and the next
// ones while they start with it.
function wordFiles(shard, word, prefix) {
  const list = shard.words;
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid][0] <= word) lo = mid; else hi = mid - 1;
  }
  const found = [list[lo][1]];
  for (let i = lo + 1; prefix && i < list.length && list[i][0].startsWith(word); i++) {
    found.push(list[i][1]);
  }
  return found;
}

// Document number → weight for `word` in one shard (the best of its forms).
async function postings(base, shard, word, prefix) {
  const matches = new Map();
  for (const file of wordFiles(shard, word, prefix)) {
    const chunk = await fetchJSON(base + file);
    for (const [term, list] of Object.entries(chunk)) {
      const exact = term === word;
      if (!exact && !(prefix && term.startsWith(word))) continue;
      const factor = exact ? 1 : PREFIX_FACTOR;
      let doc = 0;
      for (const value of list) {  // gap from the previous document × 256 + weight
        doc += Math.floor(value / 256);
        const weight = (value % 256) * factor;
        if (!(matches.get(doc) >= weight)) matches.set(doc, weight);
      }
    }
  }
  return matches;
}

export async function search(indexUrl, query) {
  const base = indexUrl.slice(0, indexUrl.lastIndexOf("/") + 1);
  const index = await fetchJSON(indexUrl);
  const typed = words(query);
  const last = typed[typed.length - 1];
  // each word once, the last typed one last (it may also be a prefix)
  const terms = typed.length ? [...new Set(typed.filter((w) => w !== last)), last] : [];
  if (!terms.length) return { terms, results: [], index, base };
  const total = index.shards.reduce((sum, shard) => sum + shard.count, 0);
  // per term, per shard: document → weight
  const found = await Promise.all(terms.map((term) => Promise.all(index.shards.map(
    (shard) => postings(base, shard, term, term === last && term.length >= MIN_PREFIX)))));
  const idf = found.map((perShard) => {
    const df = perShard.reduce((sum, m) => sum + m.size, 0);
    return Math.log(1 + (total - df + 0.5) / (df + 0.5));
  });
  const results = [];
  index.shards.forEach((shard, s) => {
    const [first, ...others] = found.map((perShard) => perShard[s]);
    for (const [doc, weight] of first) {
      let score = weight * idf[0];
      let all = true;
      others.forEach((matches, t) => {
        const w = matches.get(doc);
        if (w === undefined) all = false; else score += w * idf[t + 1];
      });
      if (all) results.push({ shard: s, doc, score });
    }
  });
  results.sort((a, b) => b.score - a.score || a.shard - b.shard || a.doc - b.doc);
  return { terms, results, index, base };
}

async function details(found, result) {
  const shard = found.index.shards[result.shard];
  const file = shard.docs[Math.floor(result.doc / shard.per_doc_file)];
  const docs = await fetchJSON(found.base + file);
  const [url, title, date, summary, textFile] = docs[result.doc % shard.per_doc_file];
  const text = await fetchJSON(found.base + textFile);
  return { url, title, date, summary, text };
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));
}

function isHit(word, terms) {
  const folded = fold(word);
  const last = terms[terms.length - 1];
  return terms.includes(folded) || (last.length >= MIN_PREFIX && folded.startsWith(last));
}

// About EXCERPT_WORDS words of the page's text around the first word found,
// or null when the words were found in the title or summary only.
function cut(text, terms) {
  const tokens = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const first = tokens.findIndex((token) => isHit(token[0], terms));
  if (first < 0) return null;
  const start = Math.max(0, Math.min(first - 8, tokens.length - EXCERPT_WORDS));
  const end = Math.min(tokens.length, start + EXCERPT_WORDS);
  const from = tokens[start].index;
  const to = tokens[end - 1].index + tokens[end - 1][0].length;
  return (start > 0 ? "… " : "") + text.slice(from, to) + (end < tokens.length ? " …" : "");
}

// The excerpt with the query's words marked (compared folded).
function excerpt(text, terms) {
  const out = document.createElement("p");
  out.className = "cds-result__excerpt";
  let at = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (!isHit(match[0], terms)) continue;
    out.append(document.createTextNode(text.slice(at, match.index)));
    const mark = document.createElement("mark");
    mark.textContent = match[0];
    out.append(mark);
    at = match.index + match[0].length;
  }
  out.append(document.createTextNode(text.slice(at)));
  return out;
}

function renderResult(doc, terms) {
  const item = document.createElement("li");
  item.className = "cds-result";
  const title = document.createElement("h2");
  title.className = "cds-result__title";
  const link = document.createElement("a");
  link.href = doc.url;
  link.textContent = doc.title || doc.url;
  title.append(link);
  item.append(title);
  if (doc.date) {
    const date = document.createElement("p");
    date.className = "cds-meta";
    date.textContent = doc.date;
    item.append(date);
  }
  item.append(excerpt(cut(doc.text, terms) || doc.summary || "", terms));
  return item;
}

async function main() {
  const box = document.getElementById("cds-search-results");
  const input = document.getElementById("cds-q");
  const query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  input.value = query;
  if (!query) return;
  box.textContent = box.dataset.loading;
  let found;
  try {
    found = await search(box.dataset.index, query);
  } catch (error) {  // no index (built with --no-search), offline…: say so, not "loading"
    box.textContent = box.dataset.error;
    throw error;
  }
  const results = found.results;
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
    for (const doc of await Promise.all(page.map((r) => details(found, r)))) {
      list.append(renderResult(doc, found.terms));
    }
    more.hidden = shown >= results.length;
  }
  more.addEventListener("click", showMore);
  box.append(more);
  await showMore();
}

if (document.getElementById("cds-search-results")) main();
