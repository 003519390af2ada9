/* The invite form: show the fields for one candidate or for a list, as chosen. */
(function () {
  "use strict";
  var form = document.getElementById("invite-form");
  if (!form) return;
  function show() {
    var picked = form.querySelector("input[name=mode]:checked");
    var many = picked && picked.value === "many";
    form.querySelectorAll(".invite-one").forEach(function (el) { el.hidden = many; });
    form.querySelectorAll(".invite-many").forEach(function (el) { el.hidden = !many; });
  }
  form.addEventListener("change", function (event) {
    if (event.target.name === "mode") show();
  });
  show();
})();
