// The results map: the whole result set in clusters, asked again at each zoom and pan.
// The block is kept across htmx refreshes (hx-preserve), so the map is drawn once per page.
// Without JavaScript it stays hidden; without tiles, the clusters still show on a plain ground.
(function () {
  "use strict";

  var state = { map: null, layer: null, query: null, lastUrl: "", controller: null };

  function block() {
    return document.getElementById("carte-bloc");
  }

  function setup() {
    var element = document.getElementById("carte");
    if (!element || !window.L || !window.fetch) return;
    if (state.map && state.map.getContainer() === element) return refresh();
    var map = L.map(element, { scrollWheelZoom: false, maxZoom: 18 }).setView([48.76, 2.39], 11);
    var tiles = L.tileLayer(element.dataset.tiles, { maxZoom: 18, attribution: "© OpenStreetMap" });
    tiles.on("tileerror", function () {
      var notice = block().querySelector(".search-map__notice");
      if (notice) notice.hidden = false;
    });
    tiles.addTo(map);
    state = { map: map, layer: L.layerGroup().addTo(map), query: null, lastUrl: "", controller: null };
    map.on("moveend", function () { load(false); });
    window.reemploiMap = map; // for the browser tests, and a curious developer's console
    refresh();
  }

  // A new search: show the map if something was found, and frame the new result set.
  function refresh() {
    var data = document.getElementById("carte-requete");
    if (!data || !state.map) return;
    var empty = data.dataset.total === "0";
    block().hidden = empty;
    document.querySelectorAll("[data-map-toggle]").forEach(function (button) {
      button.hidden = false; // the toggle needs this script: without it, no button
    });
    if (empty) return;
    state.map.invalidateSize();
    state.query = data.dataset.query;
    load(true);
  }

  function load(frame) {
    var map = state.map;
    if (state.query === null || !map.getSize().x) return; // folded away: drawn when opened
    var url = block().dataset.api + "?" + state.query + "&zoom=" + (frame ? 11 : map.getZoom());
    if (!frame) url += "&bbox=" + map.getBounds().pad(0.25).toBBoxString();
    if (url === state.lastUrl) return;
    state.lastUrl = url;
    if (state.controller) state.controller.abort();
    state.controller = window.AbortController ? new AbortController() : null;
    fetch(url, { headers: { Accept: "application/json" }, signal: state.controller && state.controller.signal })
      .then(function (response) { return response.ok ? response.json() : { clusters: [] }; })
      .then(function (data) {
        draw(data.clusters);
        if (frame && data.clusters.length) {
          var bounds = L.latLngBounds([]);
          data.clusters.forEach(function (c) { bounds.extend(box(c)); });
          map.fitBounds(bounds, { padding: [30, 30], maxZoom: 15, animate: false });
        }
      })
      .catch(function () {}); // an aborted or failed request leaves the last clusters
  }

  function draw(clusters) {
    var map = state.map;
    state.layer.clearLayers();
    clusters.forEach(function (cluster) {
      var point = [cluster.lat, cluster.lon];
      if (cluster.lot) {
        var lot = cluster.lot;
        var marker = L.marker(point, {
          title: lot.title,
          alt: lot.title,
          icon: L.divIcon({ className: "map-lot", html: "", iconSize: [18, 18] }),
        });
        marker.bindPopup(popup(lot), { minWidth: 220 });
        state.layer.addLayer(marker);
        return;
      }
      var size = cluster.count < 10 ? 34 : cluster.count < 100 ? 42 : 50;
      var label = cluster.count + " " + (block().dataset.lotsLabel || "lots");
      var group = L.marker(point, {
        title: label,
        alt: label,
        icon: L.divIcon({
          className: "map-cluster",
          html: "<span>" + cluster.count + "</span>",
          iconSize: [size, size],
        }),
      });
      group.on("click", function () {
        if (map.getZoom() >= map.getMaxZoom()) {
          group.bindPopup(label + " " + (block().dataset.hereLabel || "")).openPopup();
        } else {
          // Open onto its lots' box: a cell is about 128 px, so this is at least one level
          // closer, where the grid's cells are halved and the cluster splits.
          var zoom = Math.max(map.getBoundsZoom(box(cluster), false, [40, 40]), map.getZoom() + 1);
          map.setView(L.latLngBounds(box(cluster)).getCenter(), Math.min(zoom, map.getMaxZoom()));
        }
      });
      state.layer.addLayer(group);
    });
  }

  function box(cluster) {
    var b = cluster.bounds;
    return L.latLngBounds([b[0], b[1]], [b[2], b[3]]);
  }

  function popup(lot) {
    var box = document.createElement("div");
    box.className = "map-popup";
    if (lot.photo) {
      var image = document.createElement("img");
      image.src = lot.photo;
      image.alt = "";
      image.width = 80;
      image.height = 60;
      box.appendChild(image);
    }
    var text = document.createElement("div");
    var link = document.createElement("a");
    link.href = lot.url;
    link.textContent = lot.title;
    text.appendChild(link);
    [lot.quantity, [lot.distance, lot.city].filter(Boolean).join(" · ")].forEach(function (line) {
      if (!line) return;
      var p = document.createElement("p");
      p.textContent = line;
      text.appendChild(p);
    });
    box.appendChild(text);
    return box;
  }

  // On a phone, the map takes the whole screen, and a button brings the list back.
  function fullScreen(open) {
    var map = block();
    if (!map) return;
    map.classList.toggle("search-map--full", open);
    document.body.classList.toggle("search-map-open", open);
    document.querySelectorAll("[data-map-toggle]").forEach(function (button) {
      button.setAttribute("aria-expanded", String(open));
    });
    if (state.map && open) {
      state.map.invalidateSize(); // it was drawn folded away: frame the results again
      state.lastUrl = "";
      load(true);
    }
    var focus = open ? map.querySelector("[data-map-close]") : document.querySelector("[data-map-toggle]");
    if (focus) focus.focus();
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-map-toggle]")) fullScreen(true);
    else if (event.target.closest("[data-map-close]")) fullScreen(false);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.body.classList.contains("search-map-open")) fullScreen(false);
  });
  document.addEventListener("DOMContentLoaded", setup);
  document.addEventListener("htmx:historyRestore", setup);
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target && event.detail.target.id === "resultats") refresh();
  });
})();
