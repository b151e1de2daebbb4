// A lot's page: the photo counter follows the swipe, "Partager" uses the phone's own sharing
// (or copies the link), and a small map shows the pickup place. Without JavaScript the photos
// still scroll, each opens large, and the address is written out.
(function () {
  "use strict";

  function countPhotos(gallery) {
    var strip = gallery.querySelector(".lot__photos");
    var counter = gallery.querySelector("[data-gallery-counter]");
    if (!strip || !counter || !("IntersectionObserver" in window)) return;
    var photos = Array.prototype.slice.call(strip.querySelectorAll(".lot__photo"));
    var observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (entry.intersectionRatio < 0.6) return;
          counter.textContent = counter.dataset.template
            .replace("%(current)s", photos.indexOf(entry.target) + 1)
            .replace("%(total)s", photos.length);
        });
      },
      { root: strip, threshold: 0.6 }
    );
    photos.forEach(function (photo) { observer.observe(photo); });
  }

  function share(button) {
    var status = button.parentNode.querySelector("[data-share-status]");
    var data = { title: button.dataset.title, url: button.dataset.url };
    if (!navigator.share && !(navigator.clipboard && window.isSecureContext)) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      if (navigator.share) {
        navigator.share(data).catch(function () {}); // the user closed the sheet
        return;
      }
      navigator.clipboard.writeText(data.url).then(function () {
        status.textContent = button.dataset.copied || "Lien copié.";
      });
    });
  }

  function drawMap(element) {
    if (!window.L) return;
    var centre = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)];
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false, dragging: !L.Browser.mobile, tap: false });
    L.tileLayer(element.dataset.tiles, { maxZoom: 18, attribution: element.dataset.attribution })
      .addTo(map);
    map.setView(centre, 15); // a view first: Leaflet places shapes on it
    if (element.dataset.approximate) {
      // Only the commune is known: a circle around its centre, not a pin on a wrong street.
      map.fitBounds(L.circle(centre, { radius: 1500 }).addTo(map).getBounds());
    } else {
      L.marker(centre, { title: element.dataset.label, alt: element.dataset.label }).addTo(map);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-gallery]").forEach(countPhotos);
    document.querySelectorAll("[data-share]").forEach(share);
    document.querySelectorAll("[data-lot-map]").forEach(drawMap);
  });
})();
