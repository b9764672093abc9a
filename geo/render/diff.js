/* industry-atlas diff map script: a layer of a plan comparison, its places styled by change.
   Loaded after atlas.js. Styles come from the page data (data.styles, one per change); the
   tooltips and popups of each layer (spec.tips, spec.popups) were escaped when it was built. */
(function (atlas) {
  "use strict";

  function key(feature) {
    return feature.properties.adcode || feature.properties.id;
  }

  atlas.diffView = function (data, spec, notes) {
    function has(f) { return Object.prototype.hasOwnProperty.call(spec.changes, key(f)); }
    function style(f) { return data.styles[spec.changes[key(f)]]; }
    function bind(f, layer) {
      layer.bindTooltip(spec.tips[key(f)], {sticky: true});
      layer.bindPopup(spec.popups[key(f)], {maxWidth: 380});
    }
    var group = L.featureGroup();
    group.addLayer(L.geoJSON(data.districts, {filter: has, style: style, onEachFeature: bind}));
    group.addLayer(L.geoJSON(data.zones, {
      filter: has, style: style, onEachFeature: bind,
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, L.extend({radius: 8}, style(f)));
      }
    }));
    if (spec.note) {
      group.on("add", function () { notes.show(spec.id, spec.note); });
      group.on("remove", function () { notes.hide(spec.id); });
    }
    return group;
  };
})(window.industryAtlas);
