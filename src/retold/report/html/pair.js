// retold pair view. Reads ids and data-* attributes only; never builds HTML, never reads
// article text. Offsets were resolved in Python, so nothing here slices strings.
(function () {
  "use strict";
  var root = document.documentElement;
  var data = JSON.parse(document.getElementById("retold-data").textContent);
  var changes = data.changes;
  var order = Object.create(null);
  changes.forEach(function (change, index) { order[change.id] = index; });
  var passages = Object.create(null);
  data.passages.forEach(function (passage) { passages[passage.id] = passage; });

  // Every element that stands for a change (fragments, markers, list entry) or a passage.
  var byChange = Object.create(null);
  var byPassage = Object.create(null);
  function collect(map, key, element) { (map[key] = map[key] || []).push(element); }
  document.querySelectorAll("[data-change]").forEach(function (element) {
    collect(byChange, element.getAttribute("data-change"), element);
  });
  document.querySelectorAll("[data-changes]").forEach(function (element) {
    element.getAttribute("data-changes").split(" ").forEach(function (id) {
      collect(byChange, id, element);
    });
  });
  document.querySelectorAll("[data-passage]").forEach(function (element) {
    collect(byPassage, element.getAttribute("data-passage"), element);
  });
  function mark(map, ids, className, on) {
    ids.forEach(function (id) {
      (map[id] || []).forEach(function (element) { element.classList.toggle(className, on); });
    });
  }

  var panes = { a: document.getElementById("pane-a"), b: document.getElementById("pane-b") };
  var status = document.getElementById("nav-status");
  var boilerplateButton = document.getElementById("toggle-boilerplate");
  var allButton = document.getElementById("toggle-all");
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  function shown(element) { return element !== null && element.getClientRects().length > 0; }
  function offsetIn(element) {
    var pane = element.closest(".pane");
    return element.getBoundingClientRect().top - pane.getBoundingClientRect().top;
  }
  // Scroll the pane holding `element` so that the element's top sits `offset` px below the
  // pane's top, kept between the sticky pane header and the lower part of the pane.
  function scrollTo(element, offset) {
    if (!shown(element)) { return; }
    var pane = element.closest(".pane");
    var head = pane.querySelector(".pane-head");
    var low = (head ? head.offsetHeight : 0) + 12;
    var high = Math.max(low, pane.clientHeight * 0.6);
    var wanted = Math.min(Math.max(offset, low), high);
    pane.scrollTo({
      top: pane.scrollTop + offsetIn(element) - wanted,
      behavior: reduceMotion.matches ? "auto" : "smooth"
    });
  }
  function element(id) { return id ? document.getElementById(id) : null; }

  // Boilerplate and the list filter
  function setBoilerplateHidden(hidden) {
    root.classList.toggle("hide-bp", hidden);
    boilerplateButton.setAttribute("aria-pressed", hidden ? "true" : "false");
    boilerplateButton.textContent = hidden ? "Show boilerplate" : "Hide boilerplate";
  }
  function setListAll(all) {
    root.classList.toggle("show-all", all);
    allButton.setAttribute("aria-pressed", all ? "true" : "false");
    updateStatus();
  }
  boilerplateButton.addEventListener("click", function () {
    setBoilerplateHidden(!root.classList.contains("hide-bp"));
  });
  allButton.addEventListener("click", function () {
    setListAll(!root.classList.contains("show-all"));
  });

  // Passages: hover links both sides, a click pins them and brings the other side along.
  var activePassage = null;
  function activatePassage(id, from) {
    if (activePassage !== null) { mark(byPassage, [activePassage], "is-active", false); }
    activePassage = id;
    mark(byPassage, [id], "is-active", true);
    var passage = passages[id];
    if (!passage) { return; }
    var source = element(from === "a" ? passage.a : passage.b);
    var target = element(from === "a" ? passage.b : passage.a);
    if (source && target) { scrollTo(target, offsetIn(source)); }
  }

  // Changes: one current change, stepped through with j/k or picked by a click.
  var current = null;
  function listed() {
    var all = root.classList.contains("show-all");
    return changes.filter(function (change) { return all || change.listed; });
  }
  function updateStatus() {
    var list = listed();
    var at = -1;
    for (var index = 0; index < list.length; index += 1) {
      if (list[index].id === current) { at = index; }
    }
    status.textContent = (at === -1 ? "–" : String(at + 1)) + " / " + list.length;
  }
  function setCurrent(id, from) {
    var change = changes[order[id]];
    if (!change) { return; }
    if (current !== null) { mark(byChange, [current], "is-current", false); }
    current = id;
    if (change.bp && root.classList.contains("hide-bp")) { setBoilerplateHidden(false); }
    mark(byChange, [id], "is-current", true);
    var a = element(change.a);
    var b = element(change.b);
    if (from === "a" && a && b) {
      scrollTo(b, offsetIn(a));
    } else if (from === "b" && a && b) {
      scrollTo(a, offsetIn(b));
    } else {
      var third = panes.a.clientHeight / 3;
      if (a) { scrollTo(a, third); }
      if (b) { scrollTo(b, third); }
    }
    var entry = document.getElementById("li-" + id);
    if (shown(entry)) { entry.scrollIntoView({ block: "nearest" }); }
    updateStatus();
  }
  function step(direction) {
    var list = listed();
    if (list.length === 0) { return; }
    var at = current === null ? null : order[current];
    var next = null;
    if (at === null) {
      next = list[0];
    } else if (direction > 0) {
      next = list.find(function (change) { return order[change.id] > at; }) || null;
    } else {
      for (var index = list.length - 1; index >= 0 && next === null; index -= 1) {
        if (order[list[index].id] < at) { next = list[index]; }
      }
    }
    if (next !== null) { setCurrent(next.id, null); }
  }
  document.getElementById("next-change").addEventListener("click", function () { step(1); });
  document.getElementById("prev-change").addEventListener("click", function () { step(-1); });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    if (event.key === "j" || event.key === "n") {
      step(1);
      event.preventDefault();
    } else if (event.key === "k" || event.key === "p") {
      step(-1);
      event.preventDefault();
    }
  });
  document.getElementById("change-list").addEventListener("click", function (event) {
    var entry = event.target.closest("li[data-change]");
    if (entry) { setCurrent(entry.getAttribute("data-change"), null); }
  });

  // The story panel: a sentence highlights every change behind it and steps to the first.
  var chosenStory = null;
  var storyChanges = Object.create(null);
  (data.story || []).forEach(function (line) { storyChanges[line.id] = line.changes; });
  function chooseStory(id) {
    if (chosenStory !== null) {
      mark(byChange, storyChanges[chosenStory], "in-story", false);
      document.getElementById("story-" + chosenStory).classList.remove("is-chosen");
    }
    if (chosenStory === id) { chosenStory = null; return; }
    chosenStory = id;
    var ids = storyChanges[id] || [];
    document.getElementById("story-" + id).classList.add("is-chosen");
    mark(byChange, ids, "in-story", true);
    if (ids.length > 0) { setCurrent(ids[0], null); }
  }
  var storyList = document.getElementById("story-list");
  if (storyList) {
    storyList.addEventListener("click", function (event) {
      var line = event.target.closest("[data-story]");
      if (line) { chooseStory(line.getAttribute("data-story")); }
    });
  }

  // Clicks and hovers in the two texts
  function changeIds(element) {
    if (element.hasAttribute("data-change")) { return [element.getAttribute("data-change")]; }
    return element.getAttribute("data-changes").split(" ");
  }
  var hovered = { passage: null, changes: [] };
  function hover(passage, ids) {
    if (hovered.passage !== passage) {
      if (hovered.passage !== null) { mark(byPassage, [hovered.passage], "is-linked", false); }
      if (passage !== null) { mark(byPassage, [passage], "is-linked", true); }
      hovered.passage = passage;
    }
    if (hovered.changes.join(" ") !== ids.join(" ")) {
      mark(byChange, hovered.changes, "is-linked", false);
      mark(byChange, ids, "is-linked", true);
      hovered.changes = ids;
    }
  }
  ["a", "b"].forEach(function (side) {
    var pane = panes[side];
    pane.addEventListener("click", function (event) {
      if (String(window.getSelection() || "").length > 0) { return; }  // the reader is copying
      if (event.target.closest(".stub")) {
        setBoilerplateHidden(false);
        return;
      }
      var changed = event.target.closest("[data-change], [data-changes]");
      if (changed) {
        setCurrent(changeIds(changed)[0], side);
        return;
      }
      var passage = event.target.closest("[data-passage]");
      if (passage) { activatePassage(passage.getAttribute("data-passage"), side); }
    });
    pane.addEventListener("mouseover", function (event) {
      var passage = event.target.closest("[data-passage]");
      var changed = event.target.closest("[data-change], [data-changes]");
      hover(passage ? passage.getAttribute("data-passage") : null, changed ? changeIds(changed) : []);
    });
    pane.addEventListener("mouseleave", function () { hover(null, []); });
  });
  updateStatus();
  root.classList.add("js");
})();
