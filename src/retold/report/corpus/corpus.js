// retold corpus view: the families table, each family's timeline and graph, the reuse matrix.
// Everything from the scan is untrusted text: it only ever goes into textContent; attributes
// get numbers and fixed class names; a link goes to pairs/<number>.html or to an http(s) URL
// checked twice (in Python and here). No HTML is parsed from the data, no handler is inline.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("corpus-data").textContent);
  var docs = data.docs;
  var pairs = data.pairs;
  var SVG_NS = "http://www.w3.org/2000/svg";
  var PAGE = 50;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var ROLE_ORDER = { source: 0, member: 1, compilation: 2 };
  function known(table, key) { return Object.prototype.hasOwnProperty.call(table, key); }
  // Class names are built from fixed vocabularies only, whatever the data says.
  function roleName(role) { return known(ROLE_ORDER, role) ? role : "member"; }
  function relationName(relation) { return known(RELATION_NAMES, relation) ? relation : "shared_text"; }
  var RELATION_NAMES = RETOLD_RELATION_NAMES;

  // ------------------------------------------------------------------------------------------
  // Building DOM from data: text only.

  var node = retoldNode;
  function svgNode(tag, attributes, text) {
    var element = document.createElementNS(SVG_NS, tag);
    Object.keys(attributes || {}).forEach(function (name) {
      element.setAttribute(name, String(attributes[name]));
    });
    if (text !== undefined && text !== null) { element.textContent = String(text); }
    return element;
  }
  function tooltip(parent, text) {
    parent.appendChild(svgNode("title", {}, text));
    return parent;
  }
  function shorten(text, limit) {
    text = String(text || "");
    return text.length > limit ? text.slice(0, limit - 1) + "…" : text;
  }
  function pairHref(pair) { return "pairs/" + String(Math.floor(Number(pair.pair))) + ".html"; }
  function outletName(doc) { return doc.outlet || "outlet unknown"; }
  function titleOf(doc) { return doc.title || doc.id; }
  function externalLink(doc) {
    // Only http(s) addresses become links; anything else (javascript:, data:) stays text.
    var href = doc.href;
    if (href && /^https?:\/\//i.test(href)) {
      try {
        var url = new URL(href);
        if (url.protocol === "http:" || url.protocol === "https:") {
          var link = node("a", "url", doc.url);
          link.href = url.href;
          link.rel = "noopener noreferrer";
          link.target = "_blank";
          link.title = doc.url;
          return link;
        }
      } catch (error) { /* not a URL: shown as text below */ }
    }
    var text = node("span", "url", doc.url || "–");
    if (doc.url) { text.title = doc.url; }
    return text;
  }
  // A pair without a view (the report writes one per family member by default) says how to
  // make it: the command is text, shown in a tooltip, never run.
  function quoted(word) { return "'" + String(word).replace(/'/g, "'\\''") + "'"; }
  function pairCommand(pair) {
    return "retold pair " + quoted(data.summary.results) + " " + quoted(docs[pair.a].id) + " " +
      quoted(docs[pair.b].id) + " -f html -o pair.html";
  }
  function noViewHint(pair) {
    return "No pair view was written for this pair. Make one with\n" + pairCommand(pair) +
      "\nor rerun retold report with --pair-views family (every pair inside a family).";
  }
  function pairLink(pair, label) {
    if (!pair.page) {
      var plain = node("span", "open-pair no-page", label);
      plain.title = noViewHint(pair);
      return plain;
    }
    var link = node("a", "open-pair", label);
    link.href = pairHref(pair);
    return link;
  }
  function percent(value) { return Math.round(value * 100) + " %"; }
  function shareBar(value) {
    var wrap = node("span", "share-bar");
    var bar = node("span", "bar");
    var fill = node("span", "fill");
    fill.style.width = Math.max(0, Math.min(100, value * 100)).toFixed(1) + "%";
    bar.appendChild(fill);
    wrap.appendChild(bar);
    wrap.appendChild(document.createTextNode(percent(value)));
    return wrap;
  }

  // ------------------------------------------------------------------------------------------
  // Time, always shown in UTC (the scan stores UTC).

  function when(iso) { return iso ? Date.parse(iso) : null; }
  function pad(number) { return number < 10 ? "0" + number : String(number); }
  function formatTime(ms) {
    if (ms === null) { return "date unknown"; }
    var date = new Date(ms);
    return date.getUTCFullYear() + "-" + pad(date.getUTCMonth() + 1) + "-" + pad(date.getUTCDate()) +
      " " + pad(date.getUTCHours()) + ":" + pad(date.getUTCMinutes());
  }
  function formatDay(ms) {
    var date = new Date(ms);
    return MONTHS[date.getUTCMonth()] + " " + date.getUTCDate();
  }
  function formatDuration(ms) {
    var minutes = Math.round(ms / 60000);
    if (minutes < 1) { return "same minute"; }
    if (minutes < 60) { return minutes + " min"; }
    var hours = Math.floor(minutes / 60);
    if (hours < 48) { return hours + " h" + (minutes % 60 && hours < 10 ? " " + (minutes % 60) + " min" : ""); }
    var days = Math.floor(hours / 24);
    return days + " d" + (hours % 24 && days < 10 ? " " + (hours % 24) + " h" : "");
  }
  var TICKS = [60e3, 5 * 60e3, 15 * 60e3, 30 * 60e3, 3600e3, 2 * 3600e3, 3 * 3600e3, 6 * 3600e3,
    12 * 3600e3, 86400e3, 2 * 86400e3, 7 * 86400e3, 14 * 86400e3, 30 * 86400e3, 91 * 86400e3,
    182 * 86400e3, 365 * 86400e3];
  function ticks(start, end, most) {
    var span = Math.max(end - start, 1);
    var step = TICKS[TICKS.length - 1];
    for (var index = 0; index < TICKS.length; index += 1) {
      if (span / TICKS[index] <= most) { step = TICKS[index]; break; }
    }
    var found = [];
    for (var tick = Math.ceil(start / step) * step; tick <= end; tick += step) { found.push(tick); }
    return { step: step, ticks: found };
  }
  function tickLabel(ms, step, first) {
    var date = new Date(ms);
    if (step >= 86400e3) { return formatDay(ms); }
    var clock = pad(date.getUTCHours()) + ":" + pad(date.getUTCMinutes());
    return first || (date.getUTCHours() === 0 && date.getUTCMinutes() === 0)
      ? formatDay(ms) + " " + clock : clock;
  }

  // ------------------------------------------------------------------------------------------
  // Families, prepared once: what sorting and searching need.

  docs.forEach(function (doc) { doc.ms = when(doc.time); });
  var prepared = data.families.map(function (family) {
    var members = family.members.map(function (member) {
      return { doc: member[0], role: member[1], share: member[2] };
    });
    var haystack = members.map(function (member) {
      var doc = docs[member.doc];
      return doc.title + "\u0001" + doc.outlet;
    }).join("\u0001").toLowerCase();
    var outletLinks = Object.create(null);
    family.pairs.forEach(function (index) {
      var pair = pairs[index];
      if (pair.rel !== "retelling" || !pair.src) { return; }
      var from = docs[pair.src === "a" ? pair.a : pair.b].outlet;
      var to = docs[pair.src === "a" ? pair.b : pair.a].outlet;
      outletLinks[from + "\u0000" + to] = true;
    });
    var first = when(family.first);
    var last = when(family.last);
    return {
      id: family.id,
      family: family,
      members: members,
      size: members.length,
      outlets: family.outlets,
      first: first,
      spread: first === null ? null : last - first,
      lead: docs[family.lead],
      haystack: haystack,
      outletLinks: outletLinks,
      detail: null,
      row: null
    };
  });
  var byId = Object.create(null);
  prepared.forEach(function (item) { byId[item.id] = item; });

  // The corpus-wide time range of the "When" column (1st to 99th percentile, outliers clamp).
  var allTimes = [];
  prepared.forEach(function (item) {
    item.members.forEach(function (member) {
      var ms = docs[member.doc].ms;
      if (ms !== null) { allTimes.push(ms); }
    });
  });
  allTimes.sort(function (a, b) { return a - b; });
  var range = allTimes.length
    ? [allTimes[Math.floor((allTimes.length - 1) * 0.01)], allTimes[Math.ceil((allTimes.length - 1) * 0.99)]]
    : [0, 1];
  if (range[1] - range[0] < 3600e3) { range = [range[0] - 1800e3, range[0] + 1800e3]; }
  document.getElementById("when-range").textContent = allTimes.length
    ? formatDay(range[0]) + " – " + formatDay(range[1]) : "";

  var state = { sort: "size", descending: true, query: "", outletLink: null, limit: PAGE, open: Object.create(null) };
  var DEFAULT_DESCENDING = { id: false, size: true, outlets: true, first: false, spread: true };

  function compareBy(key, descending) {
    return function (left, right) {
      var a = left[key];
      var b = right[key];
      if (a === null && b !== null) { return 1; }  // unknown dates last, whatever the direction
      if (b === null && a !== null) { return -1; }
      if (a !== b) { return (a < b ? -1 : 1) * (descending ? -1 : 1); }
      if (left.size !== right.size) { return right.size - left.size; }
      return left.id - right.id;
    };
  }
  function matching() {
    var terms = state.query.toLowerCase().split(/\s+/).filter(Boolean);
    var link = state.outletLink;
    var found = prepared.filter(function (item) {
      if (link && !item.outletLinks[link.from + "\u0000" + link.to]) { return false; }
      return terms.every(function (term) { return item.haystack.indexOf(term) !== -1; });
    });
    return found.sort(compareBy(state.sort, state.descending));
  }

  // ------------------------------------------------------------------------------------------
  // The table

  var rows = document.getElementById("family-rows");
  var shown = document.getElementById("shown");
  var moreButton = document.getElementById("more");
  var noFamily = document.getElementById("no-family");

  function sparkline(item) {
    var width = 150;
    var height = 18;
    var svg = svgNode("svg", { "class": "spark", width: width, height: height, viewBox: "0 0 " + width + " " + height, "aria-hidden": "true" });
    svg.appendChild(svgNode("line", { x1: 2, x2: width - 2, y1: height / 2, y2: height / 2, stroke: "#e2e6ec", "stroke-width": 2 }));
    function x(ms) {
      var ratio = (ms - range[0]) / (range[1] - range[0]);
      return 3 + Math.max(0, Math.min(1, ratio)) * (width - 6);
    }
    if (item.first !== null) {
      svg.appendChild(svgNode("line", {
        x1: x(item.first), x2: x(item.first + item.spread), y1: height / 2, y2: height / 2,
        stroke: "#9db8e6", "stroke-width": 4, "stroke-linecap": "round"
      }));
    }
    item.members.forEach(function (member) {
      var ms = docs[member.doc].ms;
      if (ms === null) { return; }
      svg.appendChild(svgNode("circle", { cx: x(ms), cy: height / 2, r: 2.6, "class": "node role-" + roleName(member.role) }));
    });
    return svg;
  }

  function familyRow(item) {
    var row = node("tr", "family");
    row.id = "family-" + item.id;
    row.setAttribute("data-family", String(item.id));
    row.appendChild(node("td", "col-id", item.id));
    var story = node("td", "col-story");
    var wrap = node("div", "story");
    var button = node("button", "story-button");
    button.type = "button";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-label", "Open family " + item.id);
    wrap.appendChild(button);
    var text = node("div", "story-text");
    var lead = item.lead;
    var headline = item.family.headline;
    text.appendChild(node("div", "headline" + (headline ? "" : " untitled"), headline || "no title"));
    text.appendChild(node("div", "byline", "source: " + outletName(lead) + (lead.ms === null ? "" : " · " + formatTime(lead.ms))));
    wrap.appendChild(text);
    story.appendChild(wrap);
    row.appendChild(story);
    row.appendChild(node("td", "col-num count", item.size));
    row.appendChild(node("td", "col-num count", item.outlets));
    row.appendChild(node("td", "col-date nowrap", formatTime(item.first)));
    row.appendChild(node("td", "col-spread nowrap", item.spread === null ? "–" : formatDuration(item.spread)));
    var spark = node("td", "col-when");
    spark.appendChild(sparkline(item));
    row.appendChild(spark);
    item.row = row;
    return row;
  }

  function render() {
    var found = matching();
    var fragment = document.createDocumentFragment();
    found.slice(0, state.limit).forEach(function (item) {
      fragment.appendChild(item.row || familyRow(item));
      var open = Boolean(state.open[item.id]);
      item.row.classList.toggle("is-open", open);
      item.row.querySelector(".story-button").setAttribute("aria-expanded", open ? "true" : "false");
      if (open) { fragment.appendChild(detailRow(item)); }
    });
    rows.replaceChildren(fragment);
    var total = prepared.length;
    shown.textContent = found.length === total
      ? total + (total === 1 ? " family" : " families")
      : found.length + " of " + total + " families";
    noFamily.hidden = found.length > 0;
    noFamily.textContent = total ? "No family matches." : "No story families in this scan: no article retells another.";
    moreButton.hidden = found.length <= state.limit;
    moreButton.textContent = "Show more (" + Math.min(PAGE, found.length - state.limit) + " of " + (found.length - state.limit) + " left)";
    document.querySelectorAll("th .sort").forEach(function (button) {
      var key = button.getAttribute("data-sort");
      if (key === state.sort) {
        button.setAttribute("aria-sort", state.descending ? "descending" : "ascending");
      } else {
        button.removeAttribute("aria-sort");
      }
    });
    document.documentElement.setAttribute("data-rendered", "true");
  }

  function setHash(id) {
    try {
      history.replaceState(null, "", id === null ? location.pathname + location.search : "#family-" + id);
    } catch (error) { /* some browsers refuse history on file://: the hash is a nicety */ }
  }
  function toggle(id) {
    var opening = !state.open[id];
    if (opening) { state.open[id] = true; } else { delete state.open[id]; }
    setHash(opening ? id : null);
    render();
  }

  rows.addEventListener("click", function (event) {
    var row = event.target.closest("tr.family");
    if (!row || event.target.closest("a")) { return; }
    toggle(Number(row.getAttribute("data-family")));
  });
  document.querySelectorAll("th .sort").forEach(function (button) {
    button.addEventListener("click", function () {
      var key = button.getAttribute("data-sort");
      state.descending = key === state.sort ? !state.descending : DEFAULT_DESCENDING[key];
      state.sort = key;
      render();
    });
  });
  var search = document.getElementById("search");
  search.addEventListener("input", function () {
    state.query = search.value;
    state.limit = PAGE;
    render();
  });
  moreButton.addEventListener("click", function () {
    state.limit += PAGE;
    render();
  });
  var chip = document.getElementById("filter-chip");
  function setOutletLink(link) {
    state.outletLink = link;
    state.limit = PAGE;
    chip.hidden = link === null;
    document.getElementById("filter-text").textContent = link === null ? ""
      : "retold by " + (link.to || "outlet unknown") + " from " + (link.from || "outlet unknown");
    render();
  }
  document.getElementById("clear-filter").addEventListener("click", function () { setOutletLink(null); });

  // ------------------------------------------------------------------------------------------
  // One family: summary, timeline, graph, members, links (built when first opened).

  function detailRow(item) {
    if (item.detail === null) {
      var row = node("tr", "detail");
      row.id = "family-detail-" + item.id;
      var cell = node("td");
      cell.colSpan = 7;
      cell.appendChild(familyDetail(item));
      row.appendChild(cell);
      item.detail = row;
    }
    return item.detail;
  }

  function membersByTime(item) {
    return item.members.slice().sort(function (left, right) {
      var a = docs[left.doc].ms;
      var b = docs[right.doc].ms;
      if (a === null || b === null) { return (a === null) - (b === null) || left.doc - right.doc; }
      return a - b || ROLE_ORDER[roleName(left.role)] - ROLE_ORDER[roleName(right.role)] || left.doc - right.doc;
    });
  }

  function familyDetail(item) {
    var family = item.family;
    var box = node("div", "family-detail");
    box.setAttribute("data-family", String(item.id));
    var ordered = membersByTime(item);
    var earliest = docs[ordered[0].doc];
    var summary = node("p", "detail-summary");
    summary.appendChild(node("b", "", item.size + " articles"));
    summary.appendChild(document.createTextNode(" from " + item.outlets + (item.outlets === 1 ? " outlet" : " outlets") +
      (item.first === null ? "" : ", first by " + outletName(earliest) + " at " + formatTime(item.first) + " UTC") +
      (item.spread ? ", retold over " + formatDuration(item.spread) : "") + ". " +
      (earliest === item.lead ? "" : "The story's source (its earliest retelling) is " + outletName(item.lead) + ". ") +
      family.pairs.length + (family.pairs.length === 1 ? " pair shares" : " pairs share") + " text inside the family."));
    box.appendChild(summary);
    var lineage = family.lineage.map(function (entry) { return { doc: entry[0], pair: pairs[entry[1]] }; });
    var figures = node("div", "figures");
    figures.appendChild(timelineFigure(item, ordered));
    figures.appendChild(graphFigure(item, ordered, lineage));
    box.appendChild(figures);
    box.appendChild(membersTable(item, ordered, lineage));
    box.appendChild(linksTable(item));
    // Hovering an article anywhere in the family marks it in all three views.
    var hovered = null;
    function mark(doc) {
      if (doc === hovered) { return; }
      box.querySelectorAll(".is-hover").forEach(function (element) { element.classList.remove("is-hover"); });
      hovered = doc;
      if (doc !== null) {
        box.querySelectorAll('[data-doc="' + Number(doc) + '"]').forEach(function (element) {
          element.classList.add("is-hover");
        });
      }
    }
    box.addEventListener("mouseover", function (event) {
      var target = event.target.closest("[data-doc]");
      mark(target ? target.getAttribute("data-doc") : null);
    });
    box.addEventListener("mouseleave", function () { mark(null); });
    return box;
  }

  function figure(className, caption, note) {
    var element = node("figure", "figure " + className);
    var head = node("figcaption", "", caption);
    if (note) { head.appendChild(node("span", "note", note)); }
    element.appendChild(head);
    return element;
  }

  // Who published when: one row per article, on a true time scale.
  function timelineFigure(item, ordered) {
    var box = figure("timeline", "Who published when", "UTC, earliest first");
    var left = 150;
    var right = 78;
    var width = 620;
    var top = 24;
    var rowHeight = 19;
    var height = top + ordered.length * rowHeight + 6;
    var times = ordered.map(function (member) { return docs[member.doc].ms; }).filter(function (ms) { return ms !== null; });
    var start = times.length ? Math.min.apply(null, times) : 0;
    var end = times.length ? Math.max.apply(null, times) : 1;
    if (end - start < 60e3) { start -= 30 * 60e3; end += 30 * 60e3; }
    var plot = width - left - right;
    function x(ms) { return left + (ms - start) / (end - start) * plot; }
    var svg = svgNode("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "Timeline of family " + item.id });
    var axis = svgNode("g", { "class": "axis" });
    var scale = ticks(start, end, 6);
    scale.ticks.forEach(function (tick, index) {
      axis.appendChild(svgNode("line", { x1: x(tick), x2: x(tick), y1: top - 6, y2: height - 4 }));
      axis.appendChild(svgNode("text", { x: x(tick), y: top - 10, "text-anchor": "middle" }, tickLabel(tick, scale.step, index === 0)));
    });
    svg.appendChild(axis);
    ordered.forEach(function (member, index) {
      var doc = docs[member.doc];
      var y = top + index * rowHeight + rowHeight / 2;
      var group = svgNode("g", { "data-doc": member.doc });
      tooltip(group, outletName(doc) + " · " + formatTime(doc.ms) + "\n" + titleOf(doc));
      group.appendChild(svgNode("text", { "class": "row-label", x: left - 10, y: y + 4, "text-anchor": "end" }, shorten(outletName(doc), 22)));
      if (doc.ms === null) {
        group.appendChild(svgNode("text", { "class": "delay", x: left, y: y + 4 }, "date unknown"));
      } else {
        group.appendChild(svgNode("line", { "class": "stem", x1: x(start), x2: x(doc.ms), y1: y, y2: y }));
        group.appendChild(svgNode("circle", { "class": "node role-" + roleName(member.role), cx: x(doc.ms), cy: y, r: 5.5 }));
        var delay = doc.ms - times[0];
        group.appendChild(svgNode("text", { "class": "delay", x: width - right + 10, y: y + 4 },
          index === 0 || delay === 0 ? (index === 0 ? "first" : "same time") : "+" + formatDuration(delay)));
      }
      svg.appendChild(group);
    });
    box.appendChild(svg);
    var legend = node("div", "legend");
    [["source", "story source (its earliest article)"], ["member", "retelling"], ["compilation", "compilation (holds several stories)"]].forEach(function (entry) {
      var key = node("span");
      key.appendChild(node("span", "dot role-" + entry[0]));
      key.appendChild(document.createTextNode(entry[1]));
      legend.appendChild(key);
    });
    box.appendChild(legend);
    return box;
  }

  // Who copied whom: outlets as lanes, articles in publication order, arrows from the likely
  // source to the article that retold it. Each arrow opens its pair view.
  function graphFigure(item, ordered, lineage) {
    var family = item.family;
    var box = figure("graph", "Who copied whom", "arrow from the likely source");
    var showAll = false;
    var others = family.pairs.length - new Set(lineage.map(function (entry) { return entry.pair.pair; })).size;
    var toggleButton = null;
    if (others > 0) {
      toggleButton = node("button", "toggle", "show " + others + " other " + (others === 1 ? "link" : "links"));
      toggleButton.type = "button";
      toggleButton.setAttribute("aria-pressed", "false");
      box.firstChild.appendChild(toggleButton);
    }
    var holder = node("div");
    box.appendChild(holder);
    function draw() {
      holder.replaceChildren(graphSvg(item, ordered, lineage, showAll));
    }
    if (toggleButton) {
      toggleButton.addEventListener("click", function () {
        showAll = !showAll;
        toggleButton.setAttribute("aria-pressed", showAll ? "true" : "false");
        draw();
      });
    }
    draw();
    var legend = node("div", "legend");
    [["retelling", "retold from", false], ["compilation", "compilation", false], ["shared_quote", "shared quote", false], ["shared_text", "undecided / other", true]].forEach(function (entry) {
      var key = node("span");
      var sample = svgNode("svg", { viewBox: "0 0 26 10", "aria-hidden": "true" });
      sample.appendChild(svgNode("line", { "class": "edge rel-" + entry[0] + (entry[2] ? " undecided" : ""), x1: 1, x2: 25, y1: 5, y2: 5 }));
      key.appendChild(sample);
      key.appendChild(document.createTextNode(entry[1]));
      legend.appendChild(key);
    });
    box.appendChild(legend);
    return box;
  }

  // Copies that credit the same wire are siblings: each took the story from the wire, none from
  // the other. They hang from a node of their own, labelled with what is sure: the wire's own
  // site may be in the corpus (usatoday.com's pages credit USA TODAY, and are its siblings too).
  function siblingsOfWires(lineage, position) {
    var wires = [];
    var wireOf = Object.create(null);
    lineage.forEach(function (entry) {
      var pair = entry.pair;
      if (pair.src || !pair.wire) { return; }
      if (wires.indexOf(pair.wire) < 0) { wires.push(pair.wire); }
      [pair.a, pair.b].forEach(function (doc) { if (doc in position) { wireOf[doc] = pair.wire; } });
    });
    return { wires: wires, wireOf: wireOf };
  }

  function graphSvg(item, ordered, lineage, showAll) {
    var family = item.family;
    var lanes = [];
    var laneOf = Object.create(null);
    var inFamily = Object.create(null);
    ordered.forEach(function (member) { inFamily[member.doc] = true; });
    var siblings = siblingsOfWires(lineage, inFamily);
    siblings.wires.forEach(function (wire) { laneOf["\u0000" + wire] = lanes.length; lanes.push(wire + " — the wire they credit"); });
    ordered.forEach(function (member) {
      var outlet = docs[member.doc].outlet;
      if (!(outlet in laneOf)) { laneOf[outlet] = lanes.length; lanes.push(outlet); }
    });
    var left = 150;
    var width = 620;
    var laneHeight = 28;
    var top = 12;
    var height = top + lanes.length * laneHeight + 8;
    var step = (width - left - 16) / Math.max(ordered.length, 1);
    var position = Object.create(null);
    ordered.forEach(function (member, index) {
      position[member.doc] = {
        x: left + 8 + step * (index + 0.5),
        y: top + laneOf[docs[member.doc].outlet] * laneHeight + laneHeight / 2,
        role: member.role
      };
    });
    var wireAt = Object.create(null);
    siblings.wires.forEach(function (wire) {
      wireAt[wire] = { x: left + 4, y: top + laneOf["\u0000" + wire] * laneHeight + laneHeight / 2, role: "wire" };
    });
    var svg = svgNode("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "Who copied whom in family " + item.id });
    var defs = svgNode("defs");
    ["retelling", "compilation", "shared_quote", "shared_text", "rewritten"].forEach(function (relation) {
      var marker = svgNode("marker", {
        id: "arrow-" + item.id + "-" + relation, viewBox: "0 0 10 10", refX: 9, refY: 5,
        markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse"
      });
      marker.appendChild(svgNode("path", { d: "M 0 0 L 10 5 L 0 10 z", "class": "arrow-" + relation }));
      defs.appendChild(marker);
    });
    svg.appendChild(defs);
    lanes.forEach(function (outlet, index) {
      var y = top + index * laneHeight;
      if (index % 2 === 0) { svg.appendChild(svgNode("rect", { "class": "lane", x: 0, y: y, width: width, height: laneHeight, rx: 4 })); }
      var label = svgNode("text", { "class": "lane-label", x: left - 8, y: y + laneHeight / 2 + 4, "text-anchor": "end" }, shorten(outlet || "outlet unknown", 22));
      tooltip(label, outlet || "outlet unknown");
      svg.appendChild(label);
    });
    var drawn = Object.create(null);
    var edges = [];
    lineage.forEach(function (entry) {
      if (entry.pair.wire && !entry.pair.src) { return; }  // drawn from the wire's node below
      if (!drawn[entry.pair.pair]) { drawn[entry.pair.pair] = true; edges.push({ pair: entry.pair, secondary: false }); }
    });
    if (showAll) {
      family.pairs.forEach(function (index) {
        var pair = pairs[index];
        if (!drawn[pair.pair]) { drawn[pair.pair] = true; edges.push({ pair: pair, secondary: true }); }
      });
    }
    var edgeLayer = svgNode("g");
    edges.forEach(function (edge) { edgeLayer.appendChild(edgeElement(item, edge.pair, position, edge.secondary)); });
    Object.keys(siblings.wireOf).forEach(function (doc) {
      edgeLayer.appendChild(wireEdge(item, siblings.wireOf[doc], wireAt[siblings.wireOf[doc]], position[doc], docs[doc]));
    });
    svg.appendChild(edgeLayer);
    siblings.wires.forEach(function (wire) {
      var at = wireAt[wire];
      var mark = svgNode("rect", { "class": "node wire", x: at.x - 6, y: at.y - 6, width: 12, height: 12, transform: "rotate(45 " + at.x + " " + at.y + ")" });
      tooltip(mark, wire + ": the wire these copies credit; none of them took the story from another");
      svg.appendChild(mark);
    });
    ordered.forEach(function (member) {
      var doc = docs[member.doc];
      var at = position[member.doc];
      var circle = svgNode("circle", { "class": "node role-" + roleName(member.role), cx: at.x, cy: at.y, r: member.role === "source" ? 7.5 : 6, "data-doc": member.doc });
      tooltip(circle, outletName(doc) + " · " + formatTime(doc.ms) + " · " + member.role + "\n" + titleOf(doc));
      svg.appendChild(circle);
    });
    return svg;
  }

  function wireEdge(item, wire, start, end, doc) {
    var d = "M " + (start.x + 8).toFixed(1) + " " + start.y.toFixed(1) + " Q " + ((start.x + end.x) / 2).toFixed(1) + " " + start.y.toFixed(1) + " " + (end.x - 8).toFixed(1) + " " + end.y.toFixed(1);
    var path = svgNode("path", { "class": "edge rel-retelling wire-edge", d: d, "marker-end": "url(#arrow-" + item.id + "-retelling)" });
    tooltip(path, wire + " → " + outletName(doc) + ": it credits " + wire + ", as its siblings here do; none of them copied another");
    return path;
  }

  function edgeElement(item, pair, position, secondary) {
    var from = pair.src === "b" ? pair.b : pair.a;
    var to = pair.src === "b" ? pair.a : pair.b;
    if (!pair.src && (docs[from].ms || 0) > (docs[to].ms || 0)) { var swap = from; from = to; to = swap; }
    var start = position[from];
    var end = position[to];
    var dx = end.x - start.x;
    var dy = end.y - start.y;
    var length = Math.sqrt(dx * dx + dy * dy) || 1;
    var startGap = (start.role === "source" ? 7.5 : 6) + 1;
    var endGap = (end.role === "source" ? 7.5 : 6) + 3;
    var x1 = start.x + dx / length * startGap;
    var y1 = start.y + dy / length * startGap;
    var x2 = end.x - dx / length * endGap;
    var y2 = end.y - dy / length * endGap;
    // Bend every edge a little to one side so that links in both directions stay apart; links
    // inside one lane arc above it.
    var bend = Math.abs(dy) < 1 ? -Math.min(26, Math.abs(dx) / 3 + 6) : 0.12 * length;
    var cx = (x1 + x2) / 2 + (dy / length) * (Math.abs(dy) < 1 ? 0 : bend);
    var cy = (y1 + y2) / 2 + (Math.abs(dy) < 1 ? bend : -(dx / length) * bend);
    var d = "M " + x1.toFixed(1) + " " + y1.toFixed(1) + " Q " + cx.toFixed(1) + " " + cy.toFixed(1) + " " + x2.toFixed(1) + " " + y2.toFixed(1);
    var relation = relationName(pair.rel);
    var link = pair.page ? svgNode("a", { "class": "link", href: pairHref(pair) }) : svgNode("g", { "class": "link no-page" });
    var fromDoc = docs[from];
    var toDoc = docs[to];
    var share = to === pair.b ? pair.ba : pair.ab;
    tooltip(link, (pair.src ? outletName(fromDoc) + " → " + outletName(toDoc) : outletName(fromDoc) + " – " + outletName(toDoc) + undecidedWhy(pair)) +
      "\n" + RELATION_NAMES[relation] + ": " + percent(share) + " of the " + outletName(toDoc) + " article is in the other" +
      (pair.src ? ", confidence " + pair.conf.toFixed(2) : "") + "\n" + (pair.page ? "Click to compare the two articles" : noViewHint(pair)));
    link.appendChild(svgNode("path", { "class": "hit", d: d }));
    var attributes = { "class": "edge rel-" + relation + (pair.src ? "" : " undecided") + (secondary ? " secondary" : ""), d: d };
    if (pair.src) { attributes["marker-end"] = "url(#arrow-" + item.id + "-" + relation + ")"; }
    link.appendChild(svgNode("path", attributes));
    return link;
  }

  function undecidedWhy(pair) {
    return pair.wire ? " (siblings: both credit " + pair.wire + ")" : " (source undecided)";
  }

  function membersTable(item, ordered, lineage) {
    var section = node("div", "detail-tables");
    section.appendChild(node("h3", "", "Articles"));
    var explained = Object.create(null);
    lineage.forEach(function (entry) { explained[entry.doc] = entry.pair; });
    var withUrls = ordered.some(function (member) { return Boolean(docs[member.doc].url); });
    var table = node("table", "members");
    var head = node("tr");
    var labels = ["", "Published (UTC)", "Outlet", "Article", "Shared", "Likely came from"];
    (withUrls ? labels.concat(["URL"]) : labels).forEach(function (label) {
      head.appendChild(node("th", "", label));
    });
    var thead = node("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = node("tbody");
    ordered.forEach(function (member) {
      var doc = docs[member.doc];
      var row = node("tr");
      row.setAttribute("data-doc", String(member.doc));
      var role = node("td");
      role.appendChild(node("span", "role role-" + roleName(member.role), member.role));
      row.appendChild(role);
      row.appendChild(node("td", "nowrap", formatTime(doc.ms)));
      row.appendChild(node("td", "", outletName(doc)));
      var article = node("td");
      article.appendChild(node("div", "article-title" + (doc.title ? "" : " untitled"), doc.title || "no title"));
      article.appendChild(node("div", "doc-id", doc.id));
      row.appendChild(article);
      var share = node("td");
      share.title = "Share of this article's words found in the rest of its family";
      share.appendChild(shareBar(member.share));
      row.appendChild(share);
      var from = node("td");
      var pair = explained[member.doc];
      if (pair) {
        var other = docs[pair.a === member.doc ? pair.b : pair.a];
        if (pair.wire && !pair.src) { from.appendChild(node("span", "wire", pair.wire + " (the wire both credit), like ")); }
        var link = pairLink(pair, (pair.src || pair.wire ? "" : "≈ ") + shorten(outletName(other), 26) + " →");
        link.title = "Compare with " + outletName(other) + " (" + (known(RELATION_NAMES, pair.rel) ? RELATION_NAMES[pair.rel] : pair.rel) + ")";
        from.appendChild(link);
      } else {
        from.appendChild(node("span", "muted", member.role === "source" ? "story source" : "–"));
      }
      row.appendChild(from);
      if (withUrls) {
        var url = node("td");
        url.appendChild(externalLink(doc));
        row.appendChild(url);
      }
      body.appendChild(row);
    });
    table.appendChild(body);
    var wrap = node("div", "table-wrap");
    wrap.appendChild(table);
    section.appendChild(wrap);
    return section;
  }

  function linksTable(item) {
    var family = item.family;
    var details = node("details", "links");
    details.appendChild(node("summary", "", "All " + family.pairs.length + (family.pairs.length === 1 ? " pair" : " pairs") + " in this family"));
    var table = node("table", "links");
    var head = node("tr");
    ["From → to", "Relation", "Shared words", "Confidence", ""].forEach(function (label) { head.appendChild(node("th", "", label)); });
    var thead = node("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = node("tbody");
    family.pairs.map(function (index) { return pairs[index]; })
      .sort(function (left, right) { return right.words - left.words || left.pair - right.pair; })
      .forEach(function (pair) {
        var row = node("tr");
        var from = docs[pair.src === "b" ? pair.b : pair.a];
        var to = docs[pair.src === "b" ? pair.a : pair.b];
        var names = node("td", "pair-outlets");
        names.appendChild(document.createTextNode(outletName(from)));
        names.appendChild(node("span", "arrow", pair.src ? "→" : "–"));
        names.appendChild(document.createTextNode(outletName(to)));
        if (!pair.src) { names.appendChild(node("span", "muted", undecidedWhy(pair))); }
        row.appendChild(names);
        var relation = node("td");
        relation.appendChild(node("span", "rel rel-" + relationName(pair.rel), known(RELATION_NAMES, pair.rel) ? RELATION_NAMES[pair.rel] : pair.rel));
        row.appendChild(relation);
        row.appendChild(node("td", "num", pair.words.toLocaleString("en")));
        row.appendChild(node("td", "num", pair.src ? pair.conf.toFixed(2) : "–"));
        var open = node("td", "num");
        open.appendChild(pairLink(pair, "compare →"));
        row.appendChild(open);
        body.appendChild(row);
      });
    table.appendChild(body);
    details.appendChild(table);
    return details;
  }

  // ------------------------------------------------------------------------------------------
  // The outlet × outlet matrix and the leaders beside it

  function drawMatrix() {
    var matrix = data.matrix;
    var holder = document.getElementById("matrix");
    var outlets = matrix.outlets;
    if (!outlets.length) {
      holder.appendChild(node("p", "empty", "No retelling with a likely source in this scan."));
      return;
    }
    var cell = 17;
    var left = 150;
    var top = 118;
    var size = outlets.length * cell;
    var width = left + size + 96;  // room for the last rotated column labels
    var height = top + size + 8;
    var most = 1;
    matrix.counts.forEach(function (row) { row.forEach(function (count) { most = Math.max(most, count); }); });
    var svg = svgNode("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "Retellings by outlet of the source and outlet that retold it" });
    svg.appendChild(svgNode("text", { "class": "matrix-title", x: left - 8, y: top - 26, "text-anchor": "end" }, "RETOLD BY →"));
    svg.appendChild(svgNode("text", { "class": "matrix-title", x: left - 8, y: top - 8, "text-anchor": "end" }, "LIKELY SOURCE ↓"));
    outlets.forEach(function (outlet, index) {
      var name = outlet || "outlet unknown";
      var rowLabel = svgNode("text", { "class": "matrix-label", x: left - 6, y: top + index * cell + cell / 2 + 4, "text-anchor": "end" }, shorten(name, 22));
      tooltip(rowLabel, name + ": source of " + matrix.sources[index] + " retellings");
      svg.appendChild(rowLabel);
      var x = left + index * cell + cell / 2 + 3;
      var columnLabel = svgNode("text", { "class": "matrix-label", x: x, y: top - 6, transform: "rotate(-55 " + x + " " + (top - 6) + ")" }, shorten(name, 20));
      tooltip(columnLabel, name + ": retold " + matrix.copies[index] + " articles");
      svg.appendChild(columnLabel);
    });
    matrix.counts.forEach(function (row, i) {
      row.forEach(function (count, j) {
        var strength = count ? Math.sqrt(count / most) : 0;
        var fill = count ? "rgb(" + Math.round(226 - 189 * strength) + "," + Math.round(236 - 137 * strength) + "," + Math.round(250 - 49 * strength) + ")" : "#f3f4f7";
        var rect = svgNode("rect", {
          "class": "cell" + (count ? " filled" : ""), x: left + j * cell, y: top + i * cell,
          width: cell, height: cell, fill: fill, "data-from": i, "data-to": j
        });
        tooltip(rect, (outlets[i] || "outlet unknown") + " → " + (outlets[j] || "outlet unknown") + ": " + count + (count === 1 ? " retelling" : " retellings") + (count ? "\nClick to list these families" : ""));
        svg.appendChild(rect);
        if (count) {
          svg.appendChild(svgNode("text", {
            "class": "cell-count " + (strength > 0.45 ? "on-dark" : "on-light"),
            x: left + j * cell + cell / 2, y: top + i * cell + cell / 2 + 3
          }, count));
        }
      });
    });
    outlets.forEach(function (outlet, index) {
      svg.appendChild(svgNode("rect", { "class": "diagonal", x: left + index * cell + 0.5, y: top + index * cell + 0.5, width: cell - 1, height: cell - 1 }));
    });
    svg.addEventListener("click", function (event) {
      var target = event.target.closest("rect.filled");
      if (!target) { return; }
      var from = outlets[Number(target.getAttribute("data-from"))];
      var to = outlets[Number(target.getAttribute("data-to"))];
      setOutletLink({ from: from, to: to });
      document.getElementById("families-panel").scrollIntoView({ block: "start" });
    });
    holder.appendChild(svg);
    var hint = document.getElementById("matrix-hint");
    if (matrix.allOutlets > outlets.length) {
      hint.textContent += " The " + outlets.length + " most involved of " + matrix.allOutlets + " outlets; " + matrix.pairs.toLocaleString("en") + " pairs in all.";
    }
  }

  function drawLeaders() {
    var matrix = data.matrix;
    var holder = document.getElementById("leaders");
    function list(title, note, values, className) {
      var box = node("div");
      box.appendChild(node("h3", "", title));
      box.appendChild(node("p", "", note));
      var order = values.map(function (value, index) { return index; })
        .filter(function (index) { return values[index] > 0; })
        .sort(function (a, b) { return values[b] - values[a] || a - b; }).slice(0, 12);
      var most = order.length ? values[order[0]] : 1;
      order.forEach(function (index) {
        var row = node("div", "leader " + className);
        var name = node("span", "name", matrix.outlets[index] || "outlet unknown");
        name.title = matrix.outlets[index] || "outlet unknown";
        row.appendChild(name);
        var bar = node("span", "bar");
        var fill = node("span", "fill");
        fill.style.width = (values[index] / most * 100).toFixed(1) + "%";
        bar.appendChild(fill);
        row.appendChild(bar);
        row.appendChild(node("span", "value", values[index]));
        box.appendChild(row);
      });
      holder.appendChild(box);
    }
    if (!matrix.outlets.length) { return; }
    list("Most retold", "Outlets named most often as the likely source", matrix.sources, "sources");
    list("Retell most", "Outlets whose articles most often retell another's", matrix.copies, "copies");
  }

  // ------------------------------------------------------------------------------------------
  // Start: draw, then open the family named in the address (#family-17), if any.

  var wanted = /^#family-(\d+)$/.exec(location.hash);
  if (wanted && byId[Number(wanted[1])]) {
    var id = Number(wanted[1]);
    state.open[id] = true;
    var position = matching().indexOf(byId[id]);
    if (position >= state.limit) { state.limit = position + 1; }
  }
  render();
  drawMatrix();
  drawLeaders();
  if (wanted && byId[Number(wanted[1])]) { byId[Number(wanted[1])].row.scrollIntoView({ block: "start" }); }
})();
