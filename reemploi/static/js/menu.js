// On a phone the header's links fold behind a "Menu" button; without JavaScript they all show.
(function () {
  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  if (!toggle || !menu) return;
  toggle.hidden = false;
  menu.classList.add("site-nav--foldable");
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("site-nav--open", open);
  });
})();
