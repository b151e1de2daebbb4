// Installable on a phone: register the service worker (reemploi/pwa.py) where browsers allow it.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) return;
  window.addEventListener("load", function () {
    var url = document.documentElement.dataset.serviceWorker;
    if (url) navigator.serviceWorker.register(url).catch(function () {}); // the site works without
  });
})();
