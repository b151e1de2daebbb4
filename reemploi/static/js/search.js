// The search page: loading state, announced results, the filter panel, "autour de moi".
// htmx refreshes the results; without JavaScript the same form submits.
(function () {
  "use strict";

  var phone = window.matchMedia("(max-width: 47.99em)"); // below the CSS that hides the summary
  // null until the visitor opens or closes the panel: then their choice holds across refreshes.
  var filtersOpen = null;

  function filters() {
    return document.querySelector(".search-filters");
  }

  // On a phone the filters fold away so that results come first, unless one is in use.
  function foldFilters() {
    var panel = filters();
    if (!panel) return;
    if (!phone.matches) {
      panel.open = true; // wide screens have no summary to open it
      return;
    }
    if (filtersOpen !== null) {
      panel.open = filtersOpen;
      return;
    }
    var used = panel.querySelector(
      "input:checked, select[name=categorie] option:checked:not([value=''])"
    );
    panel.open = Boolean(used);
  }

  function announce() {
    var count = document.querySelector("#resultats .count");
    var status = document.getElementById("recherche-annonce");
    if (count && status) status.textContent = count.textContent.replace(/\s+/g, " ").trim();
  }

  function nearMe(button) {
    var form = button.closest("form");
    if (button.dataset.bound) return;
    button.dataset.bound = "1";
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

  // Run on the first load and after back/forward, which brings a whole new page body.
  function init() {
    foldFilters();
    document.querySelectorAll("[data-near-me]").forEach(nearMe);
  }

  // Delegated to the document: the elements come and go with each refresh.
  document.addEventListener("input", function (event) {
    if (event.target.name !== "lieu" || !event.target.form) return;
    // A typed place replaces a position found by "autour de moi", and its warning.
    event.target.form.elements.lat.value = "";
    event.target.form.elements.lon.value = "";
    var warning = document.getElementById("lieu-alerte");
    if (warning) warning.hidden = true;
  });
  // "toggle" does not bubble: listen while it goes down instead.
  document.addEventListener(
    "toggle",
    function (event) {
      if (event.target.classList && event.target.classList.contains("search-filters")) {
        filtersOpen = event.target.open;
      }
    },
    true
  );

  phone.addEventListener("change", function () {
    filtersOpen = null;
    foldFilters();
  });

  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:historyRestore", function () {
    filtersOpen = null;
    init();
    announce();
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var results = document.getElementById("resultats");
    if (results && event.detail.target === results) results.setAttribute("aria-busy", "true");
  });
  document.addEventListener("htmx:afterRequest", function () {
    var results = document.getElementById("resultats");
    if (results) results.removeAttribute("aria-busy");
  });
  // "Voir plus": keyboard and screen reader users land on the first card it brought.
  var listedBefore = 0;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var list = document.querySelector(".search-results__list");
    if (list && event.detail.target === list) listedBefore = list.children.length;
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var list = document.querySelector(".search-results__list");
    if (list && event.detail.target === list) {
      var first = list.children[listedBefore];
      var link = first && first.querySelector("a");
      if (link) link.focus({ preventScroll: true });
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target.id !== "resultats") return;
    foldFilters(); // before the browser paints: the panel stays as the visitor left it
    announce();
  });
})();
