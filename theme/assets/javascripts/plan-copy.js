/* Copy buttons of the posts' copy (site/posts.py): each puts the exact text of
   its field on the clipboard, as it is to be pasted. No third-party script;
   `navigator.clipboard` where the page is a secure context (https, localhost),
   else the older selection copy, which works from a file:// page too. */
(function () {
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      document.body.removeChild(area);
      (done ? resolve : reject)();
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-plan-copy]") : null;
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-plan-copy"));
    if (!field) return;
    var label = button.textContent;
    copyText(field.textContent).then(function () {
      button.textContent = button.getAttribute("data-plan-copied") || label;
      button.classList.add("plan-copy__button--done");
      setTimeout(function () {
        button.textContent = label;
        button.classList.remove("plan-copy__button--done");
      }, 1500);
    });
  });
})();
