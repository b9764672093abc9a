/* industry-atlas map script: every layer is a view of one embedded set of districts.
   All HTML it receives (tooltips, popups, panels) was escaped when the page was built. */
(function (root) {
  "use strict";

  function bind(feature, layer) {
    var p = feature.properties;
    layer.bindTooltip(p.tip, {sticky: true});
    layer.bindPopup(p.popup, {maxWidth: 380});
  }

  function panel(map, position, html, className) {
    var control = L.control({position: position});
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "atlas-panel " + (className || ""));
      div.innerHTML = html;
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    return control.addTo(map);
  }

  function notesPanel(map) {
    var shown = {};
    var control = panel(map, "bottomleft", "", "atlas-notes-panel");
    var div = control.getContainer();
    function redraw() {
      var keys = Object.keys(shown).sort();
      div.innerHTML = keys.map(function (k) { return shown[k]; }).join("");
      div.style.display = keys.length ? "" : "none";
    }
    redraw();
    return {
      show: function (id, html) { shown[id] = html; redraw(); },
      hide: function (id) { delete shown[id]; redraw(); }
    };
  }

  function districts(data) {
    return L.geoJSON(data.districts, {
      style: {color: "#444", weight: 1, fillColor: "#f4f1ea", fillOpacity: 0.6},
      onEachFeature: bind
    });
  }

  function view(data, spec, notes) {
    var members = {};
    spec.adcodes.forEach(function (a) { members[a] = true; });
    var zones = {};
    spec.zones.forEach(function (z) { zones[z] = true; });
    var fill = spec.kind === "layout" ? 0.35 : 0.5;
    var group = L.featureGroup();
    if (spec.adcodes.length) {
      group.addLayer(L.geoJSON(data.districts, {
        filter: function (f) { return members[f.properties.adcode] === true; },
        style: {color: spec.color, weight: 1.5, fillColor: spec.color, fillOpacity: fill},
        onEachFeature: bind
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
          return L.circleMarker(latlng, {radius: 8, color: spec.color, fillOpacity: 0.8});
        },
        onEachFeature: bind
      }));
    }
    (spec.points || []).forEach(function (latlng) {
      group.addLayer(L.circleMarker(latlng, {radius: 6, color: "#222", weight: 1,
                                             fillColor: spec.color, fillOpacity: 0.9,
                                             interactive: false}));
    });
    if (spec.note) {
      group.on("add", function () { notes.show(spec.id, spec.note); });
      group.on("remove", function () { notes.hide(spec.id); });
    }
    return group;
  }

  var DEPTH = {Point: 0, LineString: 1, MultiPoint: 1, Polygon: 2, MultiLineString: 2,
               MultiPolygon: 3};

  /* Geometry comes quantised and delta-encoded (geo/render/codec.py): back to GeoJSON. */
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

  function decodeData(data) {
    ["districts", "zones"].forEach(function (name) {
      (data[name] ? data[name].features : []).forEach(function (f) {
        f.geometry = decode(f.geometry);
      });
    });
    Object.keys(data.outlines || {}).forEach(function (k) {
      data.outlines[k] = decode(data.outlines[k]);
    });
    return data;
  }

  root.industryAtlas = {decodeData: decodeData,districts: districts, view: view, panel: panel, notesPanel: notesPanel};
})(window);
