// Knowledge checks: answer in place, record the answer, show the feedback — no reload.
(function () {
  "use strict";
  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  document.querySelectorAll(".knowledge-check[data-url]").forEach(function (box) {
    var feedback = box.querySelector(".check-feedback");
    box.addEventListener("click", function (event) {
      var button = event.target.closest(".check-option");
      if (!button || box.dataset.busy) return;
      box.dataset.busy = "1";
      fetch(box.dataset.url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify({ block: box.dataset.check, option: Number(button.dataset.option) }),
      })
        .then(function (response) {
          return response.json().then(function (data) { return { ok: response.ok, data: data }; });
        })
        .then(function (result) {
          var data = result.data;
          box.querySelectorAll(".check-option").forEach(function (option) {
            option.classList.remove("chosen", "right", "wrong");
          });
          if (!result.ok) {
            feedback.className = "check-feedback wrong";
            feedback.textContent = data.error || "";
          } else {
            button.classList.add("chosen", data.correct ? "right" : "wrong");
            if (data.correct) {
              (data.correct_options || []).forEach(function (index) {
                var right = box.querySelector('.check-option[data-option="' + index + '"]');
                if (right) right.classList.add("right");
              });
            }
            feedback.className = "check-feedback " + (data.correct ? "right" : "wrong");
            // The editor's feedback usually says right or wrong itself; the verdict fills in when it is empty.
            feedback.textContent = (data.correct ? "✓ " : "✗ ") + (data.feedback || data.verdict);
            box.dataset.answered = data.correct ? "right" : "wrong";
          }
          feedback.hidden = false;
        })
        .catch(function () {
          feedback.className = "check-feedback wrong";
          feedback.textContent = box.dataset.offline || "…";
          feedback.hidden = false;
        })
        .finally(function () { delete box.dataset.busy; });
    });
  });
})();
