// retold pair list: every pair that has a pair view, filterable by text and relation. As in the
// corpus view, data only ever becomes textContent, and links only go to pairs/<number>.html.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("corpus-data").textContent);
  var docs = data.docs;
  var PAGE = 100;
  var RELATION_NAMES = RETOLD_RELATION_NAMES;

  var node = retoldNode;
  function pairHref(pair) { return "pairs/" + String(Math.floor(Number(pair.pair))) + ".html"; }
  function percent(value) { return Math.round(value * 100) + " %"; }
  function outletName(doc) { return doc.outlet || "outlet unknown"; }

  var pairs = data.pairs.map(function (pair) {
    var a = docs[pair.a];
    var b = docs[pair.b];
    pair.haystack = [a.title, a.outlet, a.id, b.title, b.outlet, b.id].join("\u0001").toLowerCase();
    return pair;
  }).sort(function (left, right) { return right.words - left.words || left.pair - right.pair; });

  var rows = document.getElementById("pair-rows");
  var shown = document.getElementById("shown");
  var more = document.getElementById("more");
  var search = document.getElementById("search");
  var relation = document.getElementById("relation");
  var limit = PAGE;

  function documentCell(doc) {
    var cell = node("td", "pair-doc");
    cell.appendChild(node("div", "outlet", outletName(doc)));
    cell.appendChild(node("div", "article-title" + (doc.title ? "" : " untitled"), doc.title || doc.id));
    return cell;
  }
  function row(pair) {
    var element = node("tr");
    var number = node("td", "col-id");
    var link = node("a", "open-pair", String(pair.pair));
    link.href = pairHref(pair);
    link.title = "Open the pair view";
    number.appendChild(link);
    element.appendChild(number);
    element.appendChild(documentCell(docs[pair.a]));
    element.appendChild(documentCell(docs[pair.b]));
    var kind = node("td");
    var known = Object.prototype.hasOwnProperty.call(RELATION_NAMES, pair.rel);
    kind.appendChild(node("span", "rel rel-" + (known ? pair.rel : "shared_text"), known ? RELATION_NAMES[pair.rel] : pair.rel));
    element.appendChild(kind);
    element.appendChild(node("td", "", pair.src
      ? pair.src.toUpperCase() + " · " + outletName(docs[pair.src === "a" ? pair.a : pair.b]) + " (" + pair.conf.toFixed(2) + ")"
      : "undecided"));
    element.appendChild(node("td", "num", percent(pair.ab)));
    element.appendChild(node("td", "num", percent(pair.ba)));
    element.appendChild(node("td", "num", pair.words.toLocaleString("en")));
    return element;
  }
  function render() {
    var terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var wanted = relation.value;
    var found = pairs.filter(function (pair) {
      if (wanted && pair.rel !== wanted) { return false; }
      return terms.every(function (term) { return pair.haystack.indexOf(term) !== -1; });
    });
    var fragment = document.createDocumentFragment();
    found.slice(0, limit).forEach(function (pair) { fragment.appendChild(row(pair)); });
    rows.replaceChildren(fragment);
    shown.textContent = found.length === pairs.length
      ? pairs.length + (pairs.length === 1 ? " pair" : " pairs")
      : found.length + " of " + pairs.length + " pairs";
    document.getElementById("no-pair").hidden = found.length > 0;
    more.hidden = found.length <= limit;
    more.textContent = "Show more (" + (found.length - limit) + " left)";
    document.documentElement.setAttribute("data-rendered", "true");
  }
  search.addEventListener("input", function () { limit = PAGE; render(); });
  relation.addEventListener("change", function () { limit = PAGE; render(); });
  more.addEventListener("click", function () { limit += PAGE; render(); });
  var summary = data.summary;
  if (summary.paged < summary.pairs) {
    document.getElementById("pairs-hint").textContent +=
      " " + summary.paged.toLocaleString("en") + " of the scan's " + summary.pairs.toLocaleString("en") +
      " pairs have one; rerun retold report with --pair-views family (every pair inside a family)" +
      " or all (every pair), or make one pair's view with retold pair.";
  }
  render();
})();
