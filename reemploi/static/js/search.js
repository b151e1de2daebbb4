// The search page: the results map and "autour de moi". Without JavaScript the form still works.
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

  function nearMe(button) {
    var form = button.closest("form");
    button.hidden = false;
    button.addEventListener("click", function () {
      if (!navigator.geolocation) return;
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var lat = position.coords.latitude.toFixed(5);
          var lon = position.coords.longitude.toFixed(5);
          form.elements.lat.value = lat;
          form.elements.lon.value = lon;
          form.elements.lieu.value = "";
          // Show the commune's name in the place box; the search runs whatever the answer.
          var url = button.dataset.positionUrl + "?lat=" + lat + "&lon=" + lon;
          fetch(url, { headers: { Accept: "application/json" } })
            .then(function (response) { return response.ok ? response.json() : {}; })
            .catch(function () { return {}; })
            .then(function (data) {
              if (data.label) form.elements.lieu.value = data.label;
              button.disabled = false;
              form.requestSubmit();
            });
        },
        function () {
          button.disabled = false;
          alert(button.dataset.refused || "Position indisponible : indiquez une commune.");
        },
        { timeout: 10000 }
      );
    });
  }

  // On a phone the filters fold away so that results come first, unless one is in use.
  var phone = window.matchMedia("(max-width: 47.99em)")  // below the CSS that hides the summary;
  function foldFilters() {
    var filters = document.querySelector(".search-filters");
    if (!filters || !phone.matches) return;
    var used = filters.querySelector("input:checked, select[name=categorie] option:checked:not([value=''])");
    filters.open = Boolean(used);
  }

  phone.addEventListener("change", function () {
    var filters = document.querySelector(".search-filters");
    if (filters && !phone.matches) filters.open = true;  // wide screens have no summary to open it
  });

  document.addEventListener("DOMContentLoaded", function () {
    foldFilters();
    drawMap();
    document.querySelectorAll("[data-near-me]").forEach(nearMe);
    var place = document.querySelector("input[name=lieu]");
    if (place) {
      place.addEventListener("input", function () {
        // A typed place replaces a position found by "autour de moi", and its warning.
        place.form.elements.lat.value = "";
        place.form.elements.lon.value = "";
        var warning = document.getElementById("lieu-alerte");
        if (warning) warning.hidden = true;
      });
    }
  });
  document.body.addEventListener("htmx:afterSettle", drawMap);
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var trigger = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
    if (trigger && trigger.type === "submit") foldFilters();  // a new search, not a filter
  });
})();
