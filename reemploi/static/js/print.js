// The voucher's "Imprimer" button: shown only when this script runs, so it never does nothing.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
