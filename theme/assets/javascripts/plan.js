/* Material reads the search box on key-up. Text that arrives without a key
   (pasted from a menu, dropped, committed by some Chinese input methods)
   would never be searched: pass every input on as a key-up. */
document.addEventListener("input", function (event) {
  var box = event.target;
  if (box instanceof HTMLInputElement && box.classList.contains("md-search__input")) {
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }
});
