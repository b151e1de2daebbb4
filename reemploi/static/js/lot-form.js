// The lot form shows the other pickup address only once it is chosen, and the amount only
// for a price. Without JavaScript every field shows, and the server checks them all anyway.
(function () {
  var form = document.querySelector(".lot-form");
  if (!form) return;
  function sync() {
    var other = form.querySelector("input[name=pickup][value=other]");
    var address = form.querySelector(".lot-form__other-address");
    if (other && address) address.hidden = !other.checked;
    var kind = form.querySelector("select[name=price_kind]");
    var amount = form.querySelector(".field--price");
    if (kind && amount) amount.hidden = kind.value !== "price";
  }
  form.addEventListener("change", sync);
  sync();
})();
