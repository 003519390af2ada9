// "Copy the reply": put a good reply on the clipboard and say so on the button.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var label = button.textContent;
    button.addEventListener("click", function () {
      var source = button.closest(".library-entry").querySelector("[data-copy-source]");
      var text = source.textContent.trim();
      var done = function () {
        button.textContent = button.dataset.copiedLabel;
        button.dataset.copied = text;
        setTimeout(function () { button.textContent = label; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, done);
      } else {
        var area = document.createElement("textarea");
        area.value = text;
        document.body.appendChild(area);
        area.select();
        document.execCommand("copy");
        area.remove();
        done();
      }
    });
  });
})();
