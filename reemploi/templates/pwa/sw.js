{% load static %}// The service worker: the shell in a cache, pages from the network, the offline page without it.
"use strict";
var CACHE = "reemploi-{{ cache_version }}";
var OFFLINE = "{% url 'pwa_offline' %}";
var SHELL = [
  OFFLINE,
  "{% static 'css/site.css' %}",
  "{% static 'js/menu.js' %}",
  "{% static 'icons/icon-192.png' %}",
];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) { return cache.addAll(SHELL); }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name !== CACHE; }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return; // forms and reservations always go to the server
  if (request.mode === "navigate") {
    // Pages are never served stale (lots and quantities change): the network, else a clear word.
    event.respondWith(fetch(request).catch(function () { return caches.match(OFFLINE); }));
    return;
  }
  var url = new URL(request.url);
  if (url.origin === self.location.origin && url.pathname.indexOf("{% get_static_prefix %}") === 0) {
    // Static files: from the cache first, refreshed behind the scenes.
    event.respondWith(
      caches.open(CACHE).then(function (cache) {
        return cache.match(request).then(function (cached) {
          var fresh = fetch(request).then(function (response) {
            if (response.ok) cache.put(request, response.clone());
            return response;
          });
          return cached || fresh;
        });
      })
    );
  }
});
