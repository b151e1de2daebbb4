// The results map. Without JavaScript, or without tiles, the list says everything.
(function () {
  "use strict";

  function drawMap() {
    var element = document.getElementById("carte");
    var data = document.getElementById("lots-geojson");
    if (!element || !data || !window.L || element.dataset.drawn) return;
    element.dataset.drawn = "1";
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(element.dataset.tiles, { maxZoom: 18, attribution: "© OpenStreetMap" }).addTo(map);
    var layer = L.geoJSON(JSON.parse(data.textContent), {
      onEachFeature: function (feature, marker) {
        var link = document.createElement("a");
        link.href = feature.properties.url;
        link.textContent = feature.properties.title;
        marker.bindPopup(link);
      },
    }).addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 15 });
    else map.setView([48.76, 2.39], 12);
  }

  document.addEventListener("DOMContentLoaded", drawMap);
  document.addEventListener("htmx:afterSettle", drawMap);
  document.addEventListener("htmx:historyRestore", drawMap);
})();
