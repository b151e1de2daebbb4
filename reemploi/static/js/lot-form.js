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

// A draft kept on the phone: what was typed is saved as it is typed (text fields only: a
// browser cannot keep a chosen photo), offered back on the next visit, and never lost to a
// dropped network: offline, sending waits, and it is offered again once the network is back.
(function () {
  var form = document.querySelector(".lot-form[data-draft-key]");
  if (!form || !window.localStorage) return;
  var key = "reemploi:lot-draft:" + form.dataset.draftKey;
  var notice = form.querySelector("[data-draft-notice]");
  var messages = form.querySelector("[data-draft-messages]").content;
  var buttons = {
    restore: form.querySelector("[data-draft-restore]"),
    forget: form.querySelector("[data-draft-forget]"),
    send: form.querySelector("[data-draft-send]"),
  };
  var pending = false; // a send was asked for while offline
  var waiting = null; // and with which button (publish or draft)

  function fields() {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && field.name !== "csrfmiddlewaretoken" && field.type !== "file" &&
        field.type !== "submit" && field.type !== "button" && field.type !== "hidden";
    });
  }
  function read() {
    try { return JSON.parse(localStorage.getItem(key)); } catch (error) { return null; }
  }
  function save() {
    var values = {};
    fields().forEach(function (field) {
      if (field.type === "radio" || field.type === "checkbox") {
        if (field.checked) values[field.name] = field.value;
      } else {
        values[field.name] = field.value;
      }
    });
    try { localStorage.setItem(key, JSON.stringify(values)); } catch (error) { /* full */ }
  }
  function restore(values) {
    fields().forEach(function (field) {
      if (!(field.name in values)) return;
      if (field.type === "radio" || field.type === "checkbox") {
        field.checked = values[field.name] === field.value;
      } else {
        field.value = values[field.name];
      }
    });
    form.dispatchEvent(new Event("change")); // the other address and the amount follow
  }
  function show(message, shown) {
    notice.querySelector("[data-draft-text]").textContent =
      messages.querySelector('[data-message="' + message + '"]').textContent;
    Object.keys(buttons).forEach(function (name) {
      buttons[name].hidden = shown.indexOf(name) < 0;
    });
    notice.hidden = false;
  }

  var draft = read();
  // A form the server sent back with errors already holds what was typed.
  var refused = form.querySelector(".field--error, .form-errors");
  if (draft && !refused) show("found", ["restore", "forget"]);
  buttons.restore.addEventListener("click", function () {
    restore(read() || {});
    notice.hidden = true;
  });
  buttons.forget.addEventListener("click", function () {
    localStorage.removeItem(key);
    notice.hidden = true;
  });
  buttons.send.addEventListener("click", function () {
    form.requestSubmit(waiting || undefined);
  });
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", function (event) {
    if (!navigator.onLine) {
      event.preventDefault();
      pending = true;
      waiting = event.submitter || null;
      save();
      show("offline", []);
      return;
    }
    localStorage.removeItem(key); // the server has it now; a refusal sends it back typed
  });
  window.addEventListener("online", function () {
    if (pending) show("online", ["send"]);
  });
})();
