// Address suggestions for any <input list="…" data-suggestions-url="…">: the search page's
// place box and the lot form's pickup address. Without JavaScript the boxes are plain text.
(function () {
  "use strict";

  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.dataset.suggestionsUrl;
    if (!list || !url || !window.fetch || input.dataset.suggesting) return;
    input.dataset.suggesting = "1";
    var timer = null;
    var asked = "";
    var known = {};
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (known[text]) return fill(input.form, known[text]);
      if (text.length < 2 || text === asked) return;
      timer = setTimeout(function () {
        asked = text;
        fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (places) {
            if (input.value.trim() !== text) return; // the user typed on: stale answer
            list.replaceChildren.apply(list, places.map(function (place) {
              known[place.label] = place;
              var option = document.createElement("option");
              option.value = place.label;
              // The box accepts the rest of Île-de-France, and says it is outside.
              if (place.in_territory === false && input.dataset.outsideLabel) {
                option.label = input.dataset.outsideLabel;
              }
              return option;
            }));
          })
          .catch(function () {}); // no suggestions: the box works as plain text
      }, 250);
    });
  }

  // A chosen suggestion also fills the form's postcode and commune, where it has them.
  function fill(form, place) {
    if (form.elements.postcode && place.postcode) form.elements.postcode.value = place.postcode;
    if (form.elements.city && place.city) form.elements.city.value = place.city;
  }

  function attachAll() {
    document.querySelectorAll("input[list][data-suggestions-url]").forEach(attach);
  }
  document.addEventListener("DOMContentLoaded", attachAll);
  document.addEventListener("htmx:historyRestore", attachAll); // back/forward: a new page body
})();
