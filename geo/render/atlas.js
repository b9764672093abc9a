/* industry-atlas map page: every layer is a view of one embedded set of districts.
   Card and note HTML was escaped when the page was built; every other text reaches
   the page through textContent. The page answers questions (which districts host an
   industry?), finds districts by name, labels them, and keeps its state in the URL
   fragment (#industry=ic, #district=330382, #layers=corridor,north-core). */
(function (root) {
  "use strict";

  var registry = {};  // data key -> {spec id -> layer}
  // The page's own window: in a fragment ``root`` is a private object, not the window.
  var win = document.defaultView;

  function register(data, id, layer) {
    (registry[data.key] = registry[data.key] || {})[id] = layer;
    return layer;
  }

  /* Geometry comes quantised and delta-encoded (geo/render/codec.py): back to GeoJSON. */
  var DEPTH = {Point: 0, LineString: 1, MultiPoint: 1, Polygon: 2, MultiLineString: 2,
               MultiPolygon: 3};

  function decode(g) {
    var scale = Math.pow(10, g.d);
    function line(q) {
      var out = [], x = 0, y = 0;
      for (var i = 0; i < q.length; i += 2) {
        x += q[i]; y += q[i + 1];
        out.push([x / scale, y / scale]);
      }
      return out;
    }
    function walk(q, depth) {
      return depth === 1 ? line(q) : q.map(function (v) { return walk(v, depth - 1); });
    }
    var depth = DEPTH[g.type];
    return {type: g.type, coordinates: depth === 0 ? line(g.q)[0] : walk(g.q, depth)};
  }

  var counter = 0;

  function decodeData(data) {
    ["districts", "zones", "context"].forEach(function (name) {
      (data[name] ? data[name].features : []).forEach(function (f) {
        f.geometry = decode(f.geometry);
      });
    });
    Object.keys(data.outlines || {}).forEach(function (k) {
      data.outlines[k] = decode(data.outlines[k]);
    });
    data.key = "atlas" + (counter++);
    return data;
  }

  function placeOf(f) { return f.properties.adcode || f.properties.id; }

  function mark(f, layer) {
    layer.on("add", function () {
      var el = layer.getElement && layer.getElement();
      if (el) { el.setAttribute("data-place", placeOf(f)); }
    });
  }

  /* Plain text for a tooltip: Leaflet sets a string content as HTML, a node as it is. */
  function textNode(text) {
    return function () { var span = document.createElement("span"); span.textContent = text; return span; };
  }

  function bind(f, layer, popup) {
    var p = f.properties;
    mark(f, layer);
    if (p.name) { layer.bindTooltip(textNode(p.name), {sticky: true}); }
    if (p.card) { layer.bindPopup(p.card, popup); }
  }

  /* One layout element or industry: its districts filled, a corridor's outline, its zones. */
  function view(data, spec) {
    var members = {}, zones = {};
    spec.adcodes.forEach(function (a) { members[a] = true; });
    spec.zones.forEach(function (z) { zones[z] = true; });
    var fill = data.fills[spec.kind];
    var group = L.featureGroup();
    group.atlasSpec = spec;
    if (spec.adcodes.length) {
      group.addLayer(L.geoJSON(data.districts, {
        filter: function (f) { return members[f.properties.adcode] === true; },
        style: {color: spec.color, weight: 1.5, fillColor: spec.color, fillOpacity: fill,
                className: "atlas-district"},
        onEachFeature: function (f, l) { bind(f, l, data.popup); }
      }));
    }
    if (data.outlines[spec.id]) {
      group.addLayer(L.geoJSON(data.outlines[spec.id], {
        style: {color: spec.color, weight: 4, fill: false, dashArray: "10 6"},
        interactive: false
      }));
    }
    if (spec.zones.length) {
      group.addLayer(L.geoJSON(data.zones, {
        filter: function (f) { return zones[f.properties.id] === true; },
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, {radius: 8, color: spec.color, fillOpacity: 0.8,
                                         className: "atlas-zone"});
        },
        onEachFeature: function (f, l) { bind(f, l, data.popup); }
      }));
    }
    if (spec.pattern === "dots") { dotted(group, function () { return spec.color; }); }
    (spec.points || []).forEach(function (latlng) {
      group.addLayer(L.circleMarker(latlng, {radius: 6, color: "#222", weight: 1,
                                             fillColor: spec.color, fillOpacity: 0.9,
                                             interactive: false}));
    });
    return register(data, spec.id, group);
  }

  /* A second encoding where colours run out (a layer's spec.pattern, geo/show/colours.py):
     the fill's own colour with dark dots ringed in white (seen on dark fills too), as a <pattern> in the map's own <svg> (ids
     numbered per page: fragments share a document); the panel's swatch has the same dots
     (atlas.css .atlas-swatch-dots). ``fillOf`` gives each shape's fill colour. */
  var DOTS = {size: 6, radius: 1.1, color: "#1b1b1b", ring: "#fff"};

  function dotted(group, fillOf) {
    group.on("add", function () {
      group.eachLayer(function visit(l) {
        if (l.eachLayer) { l.eachLayer(visit); return; }
        var path = l.getElement && l.getElement();
        if (!path || !l.feature) { return; }
        var svg = path.ownerSVGElement, color = fillOf(l);
        if (!svg.atlasDots) {
          win.industryAtlasDots = (win.industryAtlasDots || 0) + 1;
          svg.atlasDots = {prefix: "atlas-dots-" + win.industryAtlasDots + "-",
                           defs: svg.insertBefore(svgNode("defs", {}), svg.firstChild)};
        }
        var id = svg.atlasDots.prefix + color.replace("#", "");
        if (!svg.atlasDots.defs.querySelector("#" + id)) {
          var pattern = svgNode("pattern", {id: id, "class": "atlas-dots", width: DOTS.size,
                                            height: DOTS.size, patternUnits: "userSpaceOnUse"});
          pattern.appendChild(svgNode("rect", {width: DOTS.size, height: DOTS.size, fill: color}));
          pattern.appendChild(svgNode("circle", {cx: DOTS.size / 2, cy: DOTS.size / 2,
                                                 r: DOTS.radius, fill: DOTS.color,
                                                 stroke: DOTS.ring, "stroke-width": 0.8}));
          svg.atlasDots.defs.appendChild(pattern);
        }
        l.setStyle({fillColor: "url(#" + id + ")"});
      });
    });
  }

  function districts(data) {
    return register(data, "districts", L.geoJSON(data.districts, {
      style: {color: "#444", weight: 1, fillColor: data.fills.base, fillOpacity: data.fills.districts,
              className: "atlas-district"},
      onEachFeature: function (f, l) { bind(f, l, data.popup); }
    }));
  }

  function context(data, map) {
    if (!data.context || !data.context.features.length) { return; }
    map.createPane("atlasContext").style.zIndex = 350;
    L.geoJSON(data.context, {
      pane: "atlasContext", interactive: false,
      style: {color: "#b9b4aa", weight: 0.8, fillColor: "#ebe8e1", fillOpacity: 0.5}
    }).addTo(map);
  }

  /* --- the page ------------------------------------------------------------------------ */

  /* A name as the page compares it: mapdata.search_form's fold (width, case, spaces). */
  function norm(text) {
    return String(text).normalize("NFKC").toLowerCase().replace(/[\s'’\-·.,]/g, "");
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /* An answer's hatching: stripes of the industry's colour with gaps that show the layout
     under it (tests/test_colours.py keeps the colour apart from every element's). Its
     <pattern> lives in the map's own <svg> while the answer is shown, with an id unique
     to the page's map (fragments share a document: they are numbered as they start). */
  var HATCH = {stripe: 4, gap: 4, angle: 45};
  var SVG = "http://www.w3.org/2000/svg";

  function svgNode(tag, attributes) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    return node;
  }

  function hatchFill(page, svg, color) {
    var id = page.hatchPrefix + color.replace("#", ""), size = HATCH.stripe + HATCH.gap;
    if (!page.hatches) { page.hatches = svg.insertBefore(svgNode("defs", {}), svg.firstChild); }
    if (!page.hatches.querySelector("#" + id)) {
      var pattern = svgNode("pattern", {id: id, "class": "atlas-hatch", patternUnits: "userSpaceOnUse",
                                        width: size, height: size,
                                        patternTransform: "rotate(" + HATCH.angle + ")"});
      pattern.appendChild(svgNode("rect", {width: HATCH.stripe, height: size, fill: color,
                                           "fill-opacity": page.data.fills.answer}));
      page.hatches.appendChild(pattern);
    }
    return "url(#" + id + ")";
  }

  /* The answer's key in the panel: the same stripes as CSS. */
  function hatchSwatch(swatch, color) {
    var end = HATCH.stripe * Math.SQRT2 / 2, size = (HATCH.stripe + HATCH.gap) * Math.SQRT2 / 2;
    swatch.classList.add("atlas-swatch-hatch");
    swatch.style.backgroundImage = "repeating-linear-gradient(-45deg, " + color + " 0 " + end +
      "px, transparent " + end + "px " + size + "px)";
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function Page(map, data, panel) {
    this.map = map;
    this.data = data;
    this.panel = panel;
    this.words = data.words;
    this.layers = registry[data.key] || {};
    this.byPlace = {};
    this.labels = [];
    this.state = {industry: "", district: ""};
    win.industryAtlasMaps = (win.industryAtlasMaps || 0) + 1;
    this.hatchPrefix = "atlas-hatch-" + win.industryAtlasMaps + "-";
    this.hatches = null;  // the <defs> of the answer shown
  }

  Page.prototype.start = function () {
    var self = this, map = this.map;
    this.fit();
    context(this.data, map);
    this.layers.districts.addTo(map);
    this.layers.districts.eachLayer(function (l) {
      self.byPlace[placeOf(l.feature)] = l;
    });
    this.highlight = L.featureGroup().addTo(map);
    this.selection = L.featureGroup().addTo(map);  // the outline of the district shown
    this.toggles = this.panel.querySelectorAll("input[data-layer]");
    Array.prototype.forEach.call(this.toggles, function (box) {
      box.addEventListener("change", function () { self.setLayer(box.getAttribute("data-layer"), box.checked, true); });
    });
    var bar = this.panel.querySelector(".atlas-panel-toggle");
    if (bar) {
      bar.addEventListener("click", function () { self.sheet(self.panel.getAttribute("data-state") !== "open"); });
    }
    this.picker = this.panel.querySelector(".atlas-picker");
    if (this.picker) {
      this.picker.addEventListener("change", function () { self.answer(self.picker.value, true); });
    }
    this.search = this.panel.querySelector(".atlas-search");
    this.results = this.panel.querySelector(".atlas-search-results");
    if (this.search) {
      this.search.addEventListener("input", function () { self.find(self.search.value); });
      this.search.addEventListener("keydown", function (e) {
        if (e.key === "Enter") {
          e.preventDefault();
          var first = self.results.querySelector("li[data-place] button, li[data-industry] button");
          if (first) { first.click(); }
        }
      });
    }
    map.on("popupopen", function () { self.sheet(false); });
    this.keepPlace();
    this.fitPopups();
    map.on("resize", function () { self.fitPopups(); });
    this.makeLabels();
    this.placeLabels();
    map.on("zoomend moveend", function () { self.placeLabels(); });
    this.focusRing();
    this.sizeOverlays();
    map.on("move zoomend moveend viewreset resize", function () { self.sizeOverlays(); });
    map.on("dragstart zoomstart", function () { if (!self.fitting) { self.fitted = false; } });
    map.on("resize", function () {
      if (self.fitted && !self.state.district) { self.fit(); } else { self.placeLabels(); }
    });
    this.readHash();
    this.printHooks();
    win.addEventListener("hashchange", function () { self.readHash(); });
    win.industryAtlasPages = win.industryAtlasPages || [];
    win.industryAtlasPages.push(this);
    // Pages start after their packed program is unpacked (packing.py): tell scripts when.
    this.panel.closest(".atlas-app").setAttribute("data-atlas-ready", "");
  };

  /* The region fitted into the map; refitted when the page is resized, until the user
     moves the map or opens a district. */
  Page.prototype.fit = function () {
    var b = this.data.bounds;
    this.fitting = true;
    this.map.invalidateSize(false);
    this.map.fitBounds([[b[1], b[0]], [b[3], b[2]]], {padding: [12, 12], animate: false});
    this.fitting = false;
    this.fitted = true;
    this.placeLabels();
  };

  /* Popups as wide as the map allows beside the zoom buttons (autoPan keeps them clear). */
  // Leaflet sizes its overlay SVGs by attributes, which any host CSS (svg{width:100%})
  // outranks: the same size as an inline style keeps the districts drawn in a host page.
  // The scale bar's inline width is made !important: a fragment reverts every other style
  // of its controls (fragment.py), and only an !important inline width outlasts that.
  Page.prototype.sizeOverlays = function () {
    var box = this.map.getContainer();
    var svgs = this.map.getPane("mapPane").querySelectorAll(".leaflet-pane > svg");
    Array.prototype.forEach.call(svgs, function (svg) {
      svg.style.width = svg.getAttribute("width") + "px";
      svg.style.height = svg.getAttribute("height") + "px";
    });
    Array.prototype.forEach.call(box.querySelectorAll(".leaflet-control-scale-line"), function (line) {
      line.style.setProperty("width", line.style.width, "important");
    });
  };

  Page.prototype.fitPopups = function () {
    var pad = this.data.popup, width = this.map.getSize().x;
    var max = Math.max(150, Math.min(pad.maxWidth, width - pad.autoPanPaddingTopLeft[0] -
                                     pad.autoPanPaddingBottomRight[0] - 44));
    function visit(layer) {
      if (layer.getPopup && layer.getPopup()) {
        layer.getPopup().options.maxWidth = max;
        layer.getPopup().options.minWidth = Math.min(50, max);
      }
      if (layer.eachLayer) { layer.eachLayer(visit); }
    }
    var layers = this.layers;
    Object.keys(layers).forEach(function (id) { visit(layers[id]); });
  };

  /* The collapsed sheet's bar says the question answered (on a phone the list is in the
     sheet), or else the title. */
  Page.prototype.barText = function (text) {
    var bar = this.panel.querySelector(".atlas-panel-toggle");
    if (!bar) { return; }
    if (bar.getAttribute("data-title") === null) { bar.setAttribute("data-title", bar.textContent); }
    bar.textContent = text || bar.getAttribute("data-title");
  };

  Page.prototype.sheet = function (open) {
    var bar = this.panel.querySelector(".atlas-panel-toggle");
    if (!bar) { return; }
    this.panel.setAttribute("data-state", open ? "open" : "collapsed");
    bar.setAttribute("aria-expanded", open ? "true" : "false");
  };

  /* Layers: a toggle per layout element and industry; its checkbox is its legend entry. */
  Page.prototype.setLayer = function (id, on, write) {
    var layer = this.layers[id];
    if (!layer) { return; }
    var group = on && layer.atlasSpec && layer.atlasSpec.exclusive, self = this;
    if (group) {  // one layer of an exclusive group at a time (the reality choropleths)
      this.layerIds().forEach(function (other) {
        var spec = self.layers[other].atlasSpec;
        if (other !== id && spec && spec.exclusive === group) { self.setLayer(other, false, false); }
      });
    }
    if (on && !this.map.hasLayer(layer)) { layer.addTo(this.map); }
    if (!on && this.map.hasLayer(layer)) { this.map.removeLayer(layer); }
    var box = this.panel.querySelector('input[data-layer="' + id + '"]');
    if (box) { box.checked = on; }
    var note = this.panel.querySelector('[data-note="' + id + '"]');
    if (note) { note.hidden = !on; }
    if (on) { this.highlight.bringToFront(); this.selection.bringToFront(); }
    if (write) { this.writeHash(); }
  };

  /* A layer's name in #layers=: its spec's own key (reality:ic), else its id without the
     kind (industry:ic -> ic). */
  function hashKey(layer, id) {
    var spec = layer && layer.atlasSpec;
    return spec && spec.key ? spec.key : id.slice(id.indexOf(":") + 1);
  }

  Page.prototype.layerIds = function () {
    return Object.keys(this.layers).filter(function (id) { return id !== "districts"; });
  };

  Page.prototype.showLayers = function (keys) {
    var self = this, wanted = {};
    (keys || []).forEach(function (k) { wanted[k] = true; });
    this.layerIds().forEach(function (id) {
      var key = hashKey(self.layers[id], id);
      var on = keys === null ? self.layers[id].atlasSpec.show : (wanted[key] || wanted[id]);
      self.setLayer(id, !!on, false);
    });
  };

  /* The industry answer: the same places as Atlas.districts_hosting. */
  Page.prototype.answer = function (industry, write) {
    var box = this.panel.querySelector(".atlas-answer");
    var a = this.data.answers[industry];
    this.highlight.clearLayers();
    if (this.hatches) { this.hatches.remove(); this.hatches = null; }
    this.state.industry = a ? industry : "";
    if (this.picker) { this.picker.value = this.state.industry; }
    if (!box) { return; }
    box.textContent = "";
    if (!a) {
      this.barText("");
      box.removeAttribute("data-atlas-answer");
      box.removeAttribute("data-status");
      box.hidden = true;
      if (write) { this.writeHash(); }
      return;
    }
    var w = this.words, self = this;
    this.barText(a.name + ": " + a.summary);
    box.hidden = false;
    box.setAttribute("data-atlas-answer", "industry=" + industry);
    box.setAttribute("data-status", a.status);
    var head = el("p", "atlas-answer-head"), swatch = el("span", "atlas-swatch");
    var lit = a.places.some(function (p) { return self.byPlace[p.place]; });
    if (lit) { hatchSwatch(swatch, a.color); } else { swatch.classList.add("atlas-swatch-empty"); }
    // the hatching the hosts are lit in, or none: nothing lit to key
    head.appendChild(swatch);
    head.appendChild(document.createTextNode(a.name + ": " + a.summary));
    box.appendChild(head);
    var list = el("ul");
    // Places that share their citations form one group, the citations said once under it.
    var groups = [], byCites = {};
    a.places.forEach(function (p) {
      var key = p.cites.join("\n");
      if (!byCites[key]) { groups.push(byCites[key] = {cites: p.cites, places: []}); }
      byCites[key].places.push(p);
    });
    groups.forEach(function (g) {
      var group = el("li", "atlas-answer-group"), places = el("ul"), cites = el("div", "atlas-cites");
      g.places.forEach(function (p) {
        var item = self.placeItem(p.place, p.name);
        item.appendChild(el("span", "atlas-via", " " + w.via + " " + p.via.join(", ")));
        places.appendChild(item);
        var shape = self.byPlace[p.place];
        if (shape) {  // stripes of the industry's colour, never mixed; the layout between
          var svg = shape.getElement().ownerSVGElement;  // the renderer the answer joins
          L.geoJSON(shape.feature, {interactive: false, style: {
            color: "#111", weight: 3.5, fill: true, fillOpacity: 1, className: "atlas-answer-shape",
            fillColor: hatchFill(self, svg, a.color)}
          }).addTo(self.highlight);
        }
      });
      g.cites.forEach(function (c) { cites.appendChild(el("cite", "", c)); });
      group.appendChild(places);
      group.appendChild(cites);
      list.appendChild(group);
    });
    a.unlocated.forEach(function (u) {
      var item = el("li", "atlas-unlocated", u.name + " — " + w.not_located +
                    (u.extent ? " (" + u.extent + ")" : ""));
      item.setAttribute("data-unlocated", u.element);
      list.appendChild(item);
    });
    box.appendChild(list);
    if (write) { this.writeHash(); }
  };

  /* A list item naming a place (data-place), whose button opens its card. */
  Page.prototype.placeItem = function (place, name) {
    var self = this, item = el("li"), button = el("button", "atlas-link", name);
    item.setAttribute("data-place", place);
    button.type = "button";
    button.addEventListener("click", function () { self.showDistrict(place, true); });
    item.appendChild(button);
    return item;
  };

  /* Search: industries by any word for them (the resolver's table, industryOf), then
     districts by Chinese name, short name, English name, pinyin without tones, adcode. */
  Page.prototype.find = function (text) {
    var q = norm(text), self = this;
    this.results.textContent = "";
    if (!q) { return []; }
    var words = this.data.industryWords || {}, seen = {};
    var industries = Object.keys(words).filter(function (w) {
      return w.indexOf(q) === 0 && !seen[words[w]] && (seen[words[w]] = true);
    }).map(function (w) { return words[w]; }).sort(function (a, b) {
      return (words[q] === b) - (words[q] === a);  // the exact word first
    }).slice(0, 3);
    industries.forEach(function (id) { self.results.appendChild(self.industryItem(id)); });
    var found = this.data.search.filter(function (entry) {
      return entry.forms.some(function (f) { return f.indexOf(q) === 0; });
    }).slice(0, 8 - industries.length);
    found.forEach(function (entry) {
      self.results.appendChild(self.placeItem(entry.place, entry.name));
    });
    if (!found.length && !industries.length) {
      this.results.appendChild(el("li", "atlas-empty", this.words.no_match));
    }
    return found;
  };

  /* A search result naming an industry (data-industry): its button answers the question. */
  Page.prototype.industryItem = function (id) {
    var self = this, a = this.data.answers[id], item = el("li");
    var button = el("button", "atlas-link", a.name);
    item.setAttribute("data-industry", id);
    button.type = "button";
    button.appendChild(el("span", "atlas-via", " · " + this.words.industry));
    button.addEventListener("click", function () { self.answer(id, true); });
    item.appendChild(button);
    return item;
  };

  /* A district's card, the map zoomed to it and its outline drawn: a small unit of a
     big map (a county of China) fills about half the map, a district of a city's map
     zooms in at most two steps. */
  Page.prototype.showDistrict = function (place, write) {
    var shape = this.byPlace[place];
    if (!shape) { return; }
    this.state.district = "";  // the card closed here is replaced: the link is not cleared
    this.map.closePopup();
    this.rememberView();
    this.state.district = place;
    this.fitted = false;
    this.sheet(false);
    var bounds = shape.getBounds(), zoom = this.map.getZoom();
    var fits = this.map.getBoundsZoom(bounds, false, L.point(60, 60));
    this.map.fitBounds(bounds, {maxZoom: Math.min(fits, Math.max(zoom + 2, fits - 1)),
                                animate: false, padding: [30, 30]});
    this.select(place);
    var point = this.labelPoint(place) || bounds.getCenter();
    shape.openPopup(point);
    if (write) { this.writeHash(); }
  };

  /* The outline of the district shown (data-atlas-selected), or none: a light halo under
     a dark line, visible on every fill. */
  Page.prototype.select = function (place) {
    var shape = place && this.byPlace[place];
    this.selection.clearLayers();
    if (!shape) { return; }
    [{color: "#fff", weight: 7, opacity: 0.9}, {color: "#111", weight: 3}].forEach(function (s) {
      var line = L.geoJSON(shape.feature, {interactive: false,
                                           style: L.extend({fill: false}, s)});
      line.on("add", function () {
        line.eachLayer(function (l) {
          if (l.getElement()) { l.getElement().setAttribute("data-atlas-selected", place); }
        });
      });
      this.selection.addLayer(line);
    }, this);
    this.selection.bringToFront();
  };

  /* The district card closed: no district shown, none in the link. */
  Page.prototype.deselect = function () {
    this.select("");
    if (!this.state.district) { return; }
    this.state.district = "";
    this.writeHash();
  };

  /* A card opened (by a tap, the search or the URL) may pan and zoom the map: closing it
     returns to the view before it, unless the user dragged the map meanwhile. Escape
     closes the card; after a tap or a click it also leaves nothing behind on the map
     (see unfocus), while a keyboard user keeps focus, and its outline, on the district. */
  Page.prototype.keepPlace = function () {
    var self = this, map = this.map;
    map.on("preclick", function () { self.rememberView(); });
    map.on("popupopen", function () { self.rememberView(true); });
    map.on("dragstart", function () { self.before = null; });
    map.on("popupclose", function () {
      self.deselect();
      var v = self.before;
      self.before = null;
      if (!v) { return; }
      self.fitting = true;
      map.setView(v.center, v.zoom, {animate: false});
      self.fitting = false;
      self.fitted = v.fitted;
    });
    var doc = win.document;
    doc.addEventListener("pointerdown", function () { self.byPointer = true; }, true);
    doc.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") { self.byPointer = false; return; }
      if (!map._popup || !map.hasLayer(map._popup)) { return; }
      map.closePopup();
      if (self.byPointer) { self.unfocus(); }
    });
  };

  /* Keyboard focus on a district or zone (Leaflet makes every shape with a tooltip
     focusable): a ring along its outline in a pane of its own above every shape, so no
     neighbour hides it (atlas.css: .atlas-focus-ring, a line over a light halo, visible
     on every fill), and its tooltip beside the shape, not over its label. A pointer's
     focus (:focus-visible false) gets neither; the browser's box outline is off. */
  Page.prototype.focusRing = function () {
    var self = this, map = this.map, box = map.getContainer();
    map.createPane("atlasFocus").style.zIndex = 450;  // above the overlays, below labels
    this.ring = L.featureGroup().addTo(map);
    box.addEventListener("focusin", function (e) {
      self.ring.clearLayers();
      var shape = e.target.matches(":focus-visible") && self.shapeOf(e.target);
      if (!shape) { return; }
      ["atlas-focus-halo", "atlas-focus-ring"].forEach(function (cls) {
        var style = {pane: "atlasFocus", interactive: false, fill: false, className: cls};
        self.ring.addLayer(shape.getLatLng ?
          L.circleMarker(shape.getLatLng(), L.extend({radius: shape.getRadius()}, style)) :
          L.geoJSON(shape.feature, {style: style, interactive: false, pane: "atlasFocus"}));
      });
      self.ring.eachLayer(function (l) {
        (l.eachLayer ? l.getLayers() : [l]).forEach(function (p) {
          p.getElement().setAttribute("data-atlas-focus", e.target.getAttribute("data-place") || "");
        });
      });
      self.sizeOverlays();
      self.tipBeside(shape);
    });
    box.addEventListener("focusout", function () { self.ring.clearLayers(); });
  };

  /* The Leaflet layer drawn as ``element`` (a district's or zone's path), or null. */
  Page.prototype.shapeOf = function (element) {
    var found = null;
    if (!element.closest(".leaflet-overlay-pane")) { return null; }
    this.map.eachLayer(function (l) {
      if (!found && l.getElement && l.getElement() === element) { found = l; }
    });
    return found;
  };

  /* A focused shape's tooltip above it (below it at the map's top edge), where it hides
     neither the shape's label nor the ring. Leaflet opened it at the shape's centre;
     a mouse later moves it as usual. */
  Page.prototype.tipBeside = function (shape) {
    var tip = shape.getTooltip && shape.getTooltip();
    if (!tip || !shape.getBounds) { return; }
    var b = shape.getBounds(), lng = b.getCenter().lng;
    var north = L.latLng(b.getNorth(), lng);
    var up = this.map.latLngToContainerPoint(north).y > 40;
    var direction = tip.options.direction;
    tip.options.direction = up ? "top" : "bottom";
    shape.openTooltip(up ? north : L.latLng(b.getSouth(), lng));
    shape.once("tooltipclose", function () { tip.options.direction = direction; });
  };

  /* After a tap: Escape is a key press, so the browser would now draw the focus ring
     (:focus-visible) on the district the tap focused, and the tap's tooltip would stay:
     the map's focus is let go and its tooltips closed. */
  Page.prototype.unfocus = function () {
    var box = this.map.getContainer(), active = win.document.activeElement;
    if (active && box.contains(active) && active.blur) { active.blur(); }
    this.map.eachLayer(function (l) { if (l.closeTooltip) { l.closeTooltip(); } });
  };

  Page.prototype.rememberView = function (opened) {
    var open = this.map._popup && this.map.hasLayer(this.map._popup);
    if (this.before || (open && !opened)) { return; }
    this.before = {center: this.map.getCenter(), zoom: this.map.getZoom(), fitted: this.fitted};
  };

  /* Labels: a permanent name inside each district, hidden where labels collide. */
  Page.prototype.makeLabels = function () {
    var self = this, max = this.data.labelAll;
    this.data.districts.features.forEach(function (f) {
      var p = f.properties;
      if (!p.label || (!max && !p.highlighted)) { return; }
      var html = '<span class="atlas-label" data-place="' + p.adcode + '"></span>';
      var marker = L.marker(p.label[0], {interactive: false, keyboard: false,
        icon: L.divIcon({className: "atlas-label-icon", html: html, iconSize: null})});
      marker.atlasCandidates = p.label;
      marker.atlasPlace = p.adcode;
      marker.atlasText = p.short;
      marker.atlasRank = p.rank;
      marker.addTo(self.map);
      var span = marker.getElement().firstChild;
      span.textContent = p.short;
      span.setAttribute("data-label", p.short);  // its halo's copy (atlas.css)
      self.labels.push(marker);
    });
    this.labels.sort(function (a, b) { return a.atlasRank - b.atlasRank; });
  };

  /* Each label at its first candidate point inside the map and clear of the labels placed
     before it (in rank order), hidden where none is. The sizes are read first, in one
     layout: a label's size does not depend on where it stands (markers move by
     transform), and reading a size after each move made the browser lay the page out
     once per candidate. Then the choices, then the writes. */
  Page.prototype.placeLabels = function () {
    var map = this.map, placed = [];
    var size = map.getSize();
    var labels = this.labels.filter(function (m) { return m.getElement(); });
    var sizes = labels.map(function (m) {
      var span = m.getElement().firstChild;
      return {w: span.offsetWidth, h: span.offsetHeight};
    });
    var chosen = labels.map(function (m, k) {
      var w = sizes[k].w, h = sizes[k].h, last = null;
      for (var i = 0; i < m.atlasCandidates.length; i++) {
        var at = m.atlasCandidates[i];
        var p = map.latLngToContainerPoint(at);
        var box = {left: p.x - w / 2 - 2, right: p.x + w / 2 + 2,
                   top: p.y - h / 2 - 1, bottom: p.y + h / 2 + 1};
        last = at;
        if (box.left < 0 || box.top < 0 || box.right > size.x || box.bottom > size.y) {
          continue;
        }
        if (!placed.some(function (o) { return overlaps(o, box); })) {
          placed.push(box);
          return {at: at, shown: true};
        }
      }
      return {at: last, shown: false};  // where the last candidate tried left it
    });
    labels.forEach(function (m, k) {
      if (chosen[k].at) { m.setLatLng(chosen[k].at); }
      m.getElement().style.visibility = chosen[k].shown ? "visible" : "hidden";
      m.atlasAt = chosen[k].shown ? chosen[k].at : null;
    });
  };

  Page.prototype.labelPoint = function (place) {
    var m = this.labels.filter(function (x) { return x.atlasPlace === place; })[0];
    return m && m.atlasAt ? L.latLng(m.atlasAt) : null;
  };

  /* For tests and scripts: where each district's label stands. */
  Page.prototype.labelPoints = function () {
    return this.labels.filter(function (m) { return m.atlasAt; }).map(function (m) {
      return {place: m.atlasPlace, lat: m.atlasAt[0], lng: m.atlasAt[1]};
    });
  };

  /* The URL fragment holds the view: #industry=ic&layers=corridor,north-core.
     A map embedded as a fragment (fragment.py) owns its state instead: it reads only the
     values named by its key (#b:district=330382&b:industry=ic), never writes the host's
     hash, and shows its view as data-atlas-industry/-district/-layers on its container. */
  Page.prototype.readHash = function () {
    var hash = win.location.hash.replace(/^#/, ""), values = {}, own = this.embedKey();
    hash.split("&").forEach(function (part) {
      var i = part.indexOf("=");
      if (i <= 0) { return; }
      var name = decodeURIComponent(part.slice(0, i)), value = decodeURIComponent(part.slice(i + 1));
      if (own !== null) {
        if (name.indexOf(own + ":") !== 0) { return; }
        name = name.slice(own.length + 1);
      }
      values[name] = value;
    });
    this.showLayers(values.layers !== undefined ? values.layers.split(",").filter(Boolean)
                    : (this.data.preset.layers || null));
    var unknown = [];
    var industry = this.industryOf(values.industry || "");
    if (values.industry && !industry) { unknown.push("industry=" + values.industry); }
    this.answer(industry || this.data.preset.industry || "", false);
    var district = this.placeOf(values.district || ""), ambiguous = [];
    if (values.district && !district) {
      // a name of several places (朝阳区 on the national map): the search lists them
      var many = this.search && this.placesNamed(values.district).length > 1;
      (many ? ambiguous : unknown).push("district=" + values.district);
      if (many) { this.search.value = values.district; this.find(values.district); }
    }
    district = district || this.data.preset.district;
    if (district) {
      this.showDistrict(district, false);
    } else if (values.district && this.state.district) {
      this.map.closePopup();  // a link to a district not on this map: no stale card
    }
    this.linkNote(unknown, ambiguous);
    if (own !== null) { this.writeHash(); }  // a fragment's view, on its container
  };

  /* An industry id from any word for it (the table of Atlas.industry_words), or "". */
  Page.prototype.industryOf = function (text) {
    if (!text) { return ""; }
    if (this.data.answers[text]) { return text; }
    return (this.data.industryWords || {})[norm(text)] || "";
  };

  /* A district's adcode from any of its search forms (乐清, Yueqing, 330382), or "". */
  Page.prototype.placeOf = function (text) {
    if (!text) { return ""; }
    if (this.byPlace[text]) { return text; }
    var hit = this.placesNamed(text);
    return hit.length === 1 ? hit[0].place : "";
  };

  /* The search entries one of whose forms is exactly ``text`` (folded). */
  Page.prototype.placesNamed = function (text) {
    var n = norm(text);
    return (this.data.search || []).filter(function (e) { return e.forms.indexOf(n) >= 0; });
  };

  /* Values of the link that name nothing on this map, said in the panel, not ignored. */
  Page.prototype.linkNote = function (unknown, ambiguous) {
    var note = this.panel.querySelector(".atlas-link-note"), w = this.words;
    ambiguous = ambiguous || [];
    if (!unknown.length && !ambiguous.length) { if (note) { note.remove(); } return; }
    if (!note) {
      note = el("p", "atlas-link-note");
      note.setAttribute("role", "status");
      var head = this.panel.querySelector(".atlas-answer") || this.panel.firstChild;
      head.parentNode.insertBefore(note, head);
    }
    note.textContent = [unknown.length ? w.link_unknown + ": " + unknown.join(", ") : "",
                        ambiguous.length ? w.link_ambiguous + ": " + ambiguous.join(", ") : ""]
      .filter(Boolean).join("; ");
    if (!this.state.industry) { this.barText(note.textContent); }  // seen on a phone too
  };

  /* The key of an embedded map (its container's data-atlas-key); null on a standalone page. */
  Page.prototype.embedKey = function () {
    var box = this.panel.closest(".industry-atlas");
    return box ? box.getAttribute("data-atlas-key") || "" : null;
  };

  Page.prototype.writeHash = function () {
    var self = this, box = this.panel.closest(".industry-atlas");
    var on = this.layerIds().filter(function (id) { return self.map.hasLayer(self.layers[id]); });
    var view = {industry: this.state.industry, district: this.state.district,
                layers: on.map(function (id) { return hashKey(self.layers[id], id); }).join(",")};
    if (box) {
      Object.keys(view).forEach(function (name) {
        box.setAttribute("data-atlas-" + name, view[name] || "");
      });
      return;
    }
    var parts = [];
    if (view.industry) { parts.push("industry=" + encodeURIComponent(view.industry)); }
    if (view.district) { parts.push("district=" + encodeURIComponent(view.district)); }
    parts.push("layers=" + view.layers);
    if (win.history && win.history.replaceState) {
      win.history.replaceState(null, "", "#" + parts.join("&"));
    }
  };

  /* --- printing ---------------------------------------------------------------------------
     Printed (Ctrl+P, Playwright's page.pdf(), chromium --print-to-pdf: in Chromium each
     fires beforeprint and a change of matchMedia("print")), the map is refitted to the
     whole region at its size on paper, and the sources are opened; afterwards the screen's
     size and view come back. An open card prints in the legend column, not over the map.
     The size on paper is atlas.css's --atlas-print-map-width and
     -height, measured on screen by a probe: the browser has not laid out the print styles
     yet when these events run. The map then keeps that size in pixels while it prints. */
  Page.prototype.printHooks = function () {
    var self = this, query = win.matchMedia ? win.matchMedia("print") : null;
    win.addEventListener("beforeprint", function () { self.printView(true); });
    win.addEventListener("afterprint", function () { self.printView(false); });
    if (!query) { return; }
    var change = function (e) { self.printView(e.matches); };
    if (query.addEventListener) { query.addEventListener("change", change); } else { query.addListener(change); }
  };

  /* The map's size on paper, in CSS pixels (null when the page gives it none). */
  Page.prototype.printSize = function () {
    var app = this.panel.closest(".atlas-app"), probe = document.createElement("div");
    probe.style.cssText = "position:absolute;left:0;top:0;visibility:hidden;" +
      "width:var(--atlas-print-map-width);height:var(--atlas-print-map-height)";
    app.appendChild(probe);
    var size = probe.getBoundingClientRect();
    app.removeChild(probe);
    return size.width >= 1 && size.height >= 1 ? L.point(Math.floor(size.width), Math.floor(size.height)) : null;
  };

  /* A copy of the open card's content (escaped when the page was built) above the legend. */
  Page.prototype.printCard = function () {
    var popup = this.map._popup, shown = popup && this.map.hasLayer(popup) && popup.getElement();
    var content = shown && shown.querySelector(".leaflet-popup-content");
    if (!content) { return null; }
    var card = el("div", "atlas-print-card"), before = this.panel.querySelector(".atlas-section");
    card.appendChild(content.cloneNode(true));
    (before ? before.parentNode : this.panel.querySelector(".atlas-panel-body"))
      .insertBefore(card, before);
    return card;
  };

  Page.prototype.printView = function (on) {
    var map = this.map, box = map.getContainer(), was = this.printing;
    if (on === !!was) { return; }
    if (on) {
      var size = this.printSize();
      if (!size) { return; }
      var sources = this.panel.querySelectorAll("details.atlas-sources");
      this.printing = {center: map.getCenter(), zoom: map.getZoom(), fitted: this.fitted,
                       snap: map.options.zoomSnap, closed: Array.prototype.filter.call(
                         sources, function (d) { return !d.open; })};
      this.printing.closed.forEach(function (d) { d.open = true; });
      this.printing.card = this.printCard();
      box.style.width = size.x + "px";
      box.style.height = size.y + "px";
      map.options.zoomSnap = 0;  // the region fitted exactly, not to a quarter zoom step
      this.fit();
      return;
    }
    this.printing = null;
    was.closed.forEach(function (d) { d.open = false; });
    if (was.card) { was.card.remove(); }
    box.style.width = "";
    box.style.height = "";
    map.options.zoomSnap = was.snap;
    if (was.fitted) { this.fit(); return; }
    this.fitting = true;
    map.invalidateSize(false);
    map.setView(was.center, was.zoom, {animate: false});
    this.fitting = false;
    this.fitted = false;
    this.placeLabels();
  };

  function page(map, data, panel) {
    var controller = new Page(map, data, panel);
    controller.start();
    return controller;
  }

  root.industryAtlas = {decodeData: decodeData, districts: districts, view: view,
                        register: register, page: page, textNode: textNode, dotted: dotted};
})(window);
