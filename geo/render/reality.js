/* industry-atlas map page, the "Reality" group: one industry's firms against the plan.
   Loaded after atlas.js, only on maps given a reality result (geo/render/reality.py).
   Every district is filled: by its LQ class (spec.colors) where firms are, else white
   (spec.none); the plan's host districts of the industry get a thick dark outline, so a
   white outlined district is a gap (planned & absent). One reality layer at a time.
   Tooltips (spec.names) are set as text; popups are the district cards, escaped when the
   page was built. */
(function (atlas) {
  "use strict";

  atlas.realityView = function (data, spec) {
    var hosts = {};
    spec.hosts.forEach(function (a) { hosts[a] = true; });
    function place(f) { return f.properties.adcode; }
    function cell(f) {
      return Object.prototype.hasOwnProperty.call(spec.cells, place(f)) ? spec.cells[place(f)] : null;
    }
    function style(f) {
      var c = cell(f), host = hosts[place(f)] === true;
      return {color: host ? spec.host : "#555", weight: host ? 4 : 1,
              fillColor: c ? spec.colors[c[2]] : spec.none, fillOpacity: c ? spec.opacity : 1,
              className: "atlas-district atlas-reality"};
    }
    function bind(f, layer) {
      var c = cell(f);
      layer.on("add", function () {
        var el = layer.getElement && layer.getElement();
        if (!el) { return; }
        el.setAttribute("data-place", place(f));
        el.setAttribute("data-lq-class", c ? String(c[2]) : "");
        el.setAttribute("data-host", hosts[place(f)] === true ? "true" : "false");
      });
      var name = Object.prototype.hasOwnProperty.call(spec.names, place(f)) ? spec.names[place(f)]
        : f.properties.name;
      if (name) { layer.bindTooltip(atlas.textNode(name), {sticky: true}); }
      if (f.properties.card) { layer.bindPopup(f.properties.card, data.popup); }
    }
    function layerOf(filter) {
      return L.geoJSON(data.districts, {filter: filter, style: style, onEachFeature: bind});
    }
    var group = L.featureGroup();
    group.atlasSpec = spec;
    // every district, so the layers below do not show through; hosts last, so their
    // thick outline is not covered by a neighbour's edge
    group.addLayer(layerOf(function (f) { return hosts[place(f)] !== true; }));
    group.addLayer(layerOf(function (f) { return hosts[place(f)] === true; }));
    return atlas.register(data, spec.id, group);
  };
})(window.industryAtlas);
