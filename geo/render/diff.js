/* industry-atlas diff map script: a layer of a plan comparison, its places styled by change.
   Loaded after atlas.js. Fill and dash come from the change (data.styles), the outline from
   the layer's own colour; each place's card (spec.cards) was escaped when it was built. */
(function (atlas) {
  "use strict";

  function key(feature) {
    return feature.properties.adcode || feature.properties.id;
  }

  atlas.diffView = function (data, spec) {
    function has(f) { return Object.prototype.hasOwnProperty.call(spec.changes, key(f)); }
    function style(f) {
      return L.extend({color: spec.color, className: "atlas-district"},
                      data.styles[spec.changes[key(f)]]);
    }
    function bind(f, layer) {
      layer.on("add", function () {
        var el = layer.getElement && layer.getElement();
        if (el) { el.setAttribute("data-place", key(f)); }
      });
      layer.bindTooltip(atlas.textNode(spec.names[key(f)]), {sticky: true});
      layer.bindPopup(spec.cards[key(f)], data.popup);
    }
    var group = L.featureGroup();
    group.atlasSpec = spec;
    group.addLayer(L.geoJSON(data.districts, {filter: has, style: style, onEachFeature: bind}));
    group.addLayer(L.geoJSON(data.zones, {
      filter: has, style: style, onEachFeature: bind,
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, L.extend({radius: 8}, style(f)));
      }
    }));
    if (spec.pattern === "dots") {  // a second encoding, over each place's change colour
      atlas.dotted(group, function (l) { return data.styles[spec.changes[key(l.feature)]].fillColor; });
    }
    return atlas.register(data, spec.id, group);
  };
})(window.industryAtlas);
