// Draws the organisations on a Leaflet map above their list. Without JavaScript, without
// Leaflet or without tiles (offline), the list below the map still says who is where.
(function () {
  "use strict";

  function draw(element) {
    var data = document.getElementById(element.dataset.points);
    if (!window.L || !data) return;
    var points = JSON.parse(data.textContent);
    if (!points.length) return;
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(element.dataset.tiles, {
      maxZoom: 18,
      attribution: element.dataset.attribution,
    }).addTo(map);
    var markers = points.map(function (point) {
      var marker = L.marker([point.lat, point.lon], { title: point.name, alt: point.name });
      // The event's own place has no page of its own: its name, not a link.
      var link = document.createElement(point.url ? "a" : "strong");
      if (point.url) link.href = point.url;
      link.textContent = point.name;
      var popup = document.createElement("div");
      popup.appendChild(link);
      popup.appendChild(document.createElement("br"));
      popup.appendChild(document.createTextNode(point.kind + " · " + point.city));
      return marker.bindPopup(popup);
    });
    var group = L.featureGroup(markers).addTo(map);
    map.fitBounds(group.getBounds(), { padding: [20, 20], maxZoom: 14 });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-organisations-map]").forEach(draw);
  });
})();
