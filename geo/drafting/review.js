// The review page: keep or drop each drafted fact, rename layout elements and industry
// groups, drop a group, move a place to another layout element, then download the plan so
// edited. Document text arrives only as JSON data and form values; nothing is inserted as
// HTML (a new name reaches the page through textContent, the plan through JSON strings).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("draft-data").textContent);
  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }
  var boxes = all(".fact input[type=checkbox]");
  var groupBoxes = all("input[data-keep-group]");
  var renames = all("input[data-rename]");
  var moves = all("select[data-move]");
  var factById = {};
  data.facts.forEach(function (f) { factById[f.id] = f; });

  function kept() {
    var out = {};
    boxes.forEach(function (b) { out[b.getAttribute("data-fact")] = b.checked; });
    return out;
  }

  function refresh() {
    var keep = kept(), n = 0;
    boxes.forEach(function (b) {
      b.parentNode.classList.toggle("off", !b.checked);
      if (b.checked) n += 1;
    });
    document.querySelectorAll("mark[data-facts]").forEach(function (m) {
      var ids = m.getAttribute("data-facts").split(" ").filter(Boolean);
      m.classList.toggle("dropped", ids.length > 0 && ids.every(function (id) { return !keep[id]; }));
    });
    groupBoxes.forEach(function (b) { b.parentNode.classList.toggle("off", !b.checked); });
    moves.forEach(function (m) {
      m.closest(".fact").classList.toggle("moved", m.value !== m.getAttribute("data-from"));
    });
    var e = edits(), said = [];
    if (e.renamed) said.push(e.renamed + " renamed");
    if (e.groups) said.push(e.groups + " group(s) dropped");
    if (e.moved) said.push(e.moved + " moved");
    document.getElementById("kept-count").textContent =
      n + " of " + boxes.length + " facts kept" + (said.length ? "; " + said.join(", ") : "");
  }

  // What the reviewer changed besides unticking facts, counted against the drafted values.
  function edits() {
    return {
      renamed: renames.filter(function (i) {
        return i.value.trim() && i.value.trim() !== i.defaultValue;
      }).length,
      groups: groupBoxes.filter(function (b) { return !b.checked; }).length,
      moved: moves.filter(function (m) { return m.value !== m.getAttribute("data-from"); }).length
    };
  }

  // A layout element renamed in English: its name in every "member of" list follows.
  function relabel(input) {
    if (input.getAttribute("data-rename") !== "layout" || input.getAttribute("data-lang") !== "en") {
      return;
    }
    var id = input.getAttribute("data-id"), name = input.value.trim() || input.defaultValue;
    moves.forEach(function (m) {
      Array.prototype.forEach.call(m.options, function (o) {
        if (o.value === id) o.textContent = name;
      });
    });
  }

  function mark(selector, cls, node) {
    document.querySelectorAll("." + selector + "." + cls).forEach(function (x) {
      x.classList.remove(cls);
    });
    if (node) node.classList.add(cls);
  }

  function showSentence(index) {
    var s = document.getElementById("s-" + index);
    mark("sentence", "current", s);
    if (s) s.scrollIntoView({block: "center"});
  }

  function showFact(id) {
    var f = document.getElementById(id);
    mark("fact", "current", f);
    if (f) f.scrollIntoView({block: "nearest"});
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.to-sentence, a.ref, mark[data-facts]");
    if (!link) return;
    if (link.classList.contains("to-sentence")) {
      event.preventDefault();
      showSentence(link.getAttribute("data-sentence"));
      mark("fact", "current", link.parentNode);
    } else if (link.classList.contains("ref")) {
      event.preventDefault();
      showFact(link.getAttribute("data-fact"));
      mark("sentence", "current", link.closest(".sentence"));
    } else {
      var first = link.getAttribute("data-facts").split(" ")[0];
      if (first) showFact(first);
      mark("sentence", "current", link.closest(".sentence"));
    }
  });
  boxes.concat(groupBoxes, moves).forEach(function (b) { b.addEventListener("change", refresh); });
  renames.forEach(function (input) {
    input.addEventListener("input", function () { relabel(input); refresh(); });
  });

  // ---- the plan without the dropped facts ----------------------------------------------
  function at(plan, path) {
    var node = plan;
    for (var i = 0; i < path.length - 1; i++) node = node[path[i]];
    return {list: node, index: path[path.length - 1]};
  }

  function reviewedPlan() {
    var plan = JSON.parse(JSON.stringify(data.plan)), keep = kept();
    var gone = {industries: {}, places: {}, layout: {}};
    var REMOVED = {};
    // places moved to another element: taken out of their own here, added to it below
    var moved = [];
    moves.forEach(function (select) {
      var id = select.getAttribute("data-move");
      if (!keep[id] || select.value === select.getAttribute("data-from")) return;
      var where = at(plan, factById[id].path);
      moved.push({place: where.list[where.index], to: select.value});
      where.list[where.index] = REMOVED;
    });
    // members (longer paths) first: their element may be dropped too
    var dropped = data.facts.filter(function (f) { return !keep[f.id]; });
    dropped.sort(function (a, b) { return b.path.length - a.path.length; });
    dropped.forEach(function (f) {
      var where = at(plan, f.path), item = where.list[where.index];
      if (f.path.length === 2 && gone[f.path[0]] && item && item.id !== undefined) {
        gone[f.path[0]][item.id] = true;
      }
      where.list[where.index] = REMOVED;
    });
    function live(x) { return x !== REMOVED; }
    ["industries", "places", "layout", "assignments", "indicators"].forEach(function (key) {
      if (Array.isArray(plan[key])) plan[key] = plan[key].filter(live);
    });
    (plan.layout || []).forEach(function (e) {
      if (e.members) {
        e.members = e.members.filter(function (m) { return live(m) && !gone.places[m]; });
      }
    });
    moved.forEach(function (m) {  // into an element the reviewer dropped: gone with it
      var target = plan.layout.filter(function (e) { return e.id === m.to; })[0];
      if (!target || gone.places[m.place]) return;
      target.members = target.members || [];
      if (target.members.indexOf(m.place) < 0) target.members.push(m.place);
      if (/^not located/.test(target.extent || "")) delete target.extent;
    });
    (plan.layout || []).forEach(function (e) {
      if (!e.members) return;
      if (!e.members.length) {
        delete e.members;
        if (!e.extent) e.extent = "not located: the reviewer dropped its members";
      }
    });
    plan.assignments = (plan.assignments || []).filter(function (a) {
      if (gone.layout[a.to] || gone.places[a.to]) return false;
      a.industries = a.industries.filter(function (i) { return !gone.industries[i]; });
      return a.industries.length > 0;
    });
    plan.indicators = (plan.indicators || []).filter(function (i) {
      return !(i.scope && gone.places[i.scope]);
    });
    ["places", "assignments", "indicators"].forEach(function (key) {
      if (plan[key] && !plan[key].length) delete plan[key];
    });
    if (!plan.layout.length) {
      plan.layout = [{id: "no-layout", zh: "未保留空间布局", en: "No layout element kept",
                      kind: "area", extent: "the reviewer kept no layout element",
                      source: "document", basis: "interpreted"}];
    }
    if (!plan.industries.length) {
      plan.industries = [{id: "unspecified", zh: "未保留产业", en: "No industry kept"}];
    }
    var ungrouped = {};
    groupBoxes.forEach(function (b) {
      if (!b.checked) ungrouped[b.getAttribute("data-keep-group")] = true;
    });
    plan.industries.forEach(function (i) { if (ungrouped[i.group]) delete i.group; });
    renames.forEach(function (input) {
      var value = input.value.trim(), id = input.getAttribute("data-id");
      (plan[input.getAttribute("data-rename")] || []).forEach(function (item) {
        if (item.id === id && value) item[input.getAttribute("data-lang")] = value;
      });
    });
    if (plan.groups) {
      var used = {};
      plan.industries.forEach(function (i) { if (i.group) used[i.group] = true; });
      plan.groups = plan.groups.filter(function (g) { return used[g.id]; });
      if (!plan.groups.length) delete plan.groups;
    }
    return plan;
  }

  // YAML in block style; every text is a double-quoted JSON string, which YAML reads as is.
  function scalar(v) {
    return typeof v === "number" ? String(v) : JSON.stringify(String(v));
  }

  function rank(key) {
    var i = data.order.indexOf(key);
    return i < 0 ? data.order.length : i;
  }

  function toYaml(value, pad) {
    var out = "";
    if (Array.isArray(value)) {
      if (!value.length) return " []\n";
      out = "\n";
      value.forEach(function (item) {
        if (item !== null && typeof item === "object" && !Array.isArray(item)) {
          var body = toYaml(item, pad + "  ");
          out += pad + "- " + body.replace(/^\n\s*/, "");
        } else {
          out += pad + "-" + toYaml(item, pad + "  ");
        }
      });
      return out;
    }
    if (value !== null && typeof value === "object") {
      var keys = Object.keys(value).sort(function (a, b) { return rank(a) - rank(b); });
      if (!keys.length) return " {}\n";
      out = "\n";
      keys.forEach(function (k) { out += pad + k + ":" + toYaml(value[k], pad + "  "); });
      return out;
    }
    return " " + scalar(value) + "\n";
  }

  document.getElementById("download").addEventListener("click", function () {
    var dropped = boxes.filter(function (b) { return !b.checked; }).map(function (b) {
      return b.getAttribute("data-fact");
    });
    var e = edits();
    var text = data.header + "# Reviewed: " + dropped.length + " fact(s) dropped" +
      (dropped.length ? " (" + dropped.join(", ") + ")" : "") + "; " + e.groups +
      " group(s) dropped; " + e.renamed + " name(s) changed; " + e.moved + " place(s) moved.\n" +
      toYaml(reviewedPlan(), "").replace(/^\n/, "");
    var blob = new Blob([text], {type: "application/yaml"});
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = data.file;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  });
  refresh();
})();
