// Knowledge checks: answer in place, record the answer, show the feedback — no reload.
(function () {
  "use strict";
  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  var earlier = {};
  var earlierData = document.getElementById("check-answers");
  if (earlierData) earlier = JSON.parse(earlierData.textContent);

  function render(box, button, ok, data) {
    var feedback = box.querySelector(".check-feedback");
    box.querySelectorAll(".check-option").forEach(function (option) {
      option.classList.remove("chosen", "right", "wrong");
    });
    if (!ok) {
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
      // The editor's feedback usually says right or wrong itself; the verdict fills in when empty.
      feedback.className = "check-feedback " + (data.correct ? "right" : "wrong");
      feedback.textContent = (data.correct ? "✓ " : "✗ ") + (data.feedback || data.verdict);
      box.dataset.answered = data.correct ? "right" : "wrong";
    }
    feedback.hidden = false;
  }

  document.querySelectorAll(".knowledge-check[data-url]").forEach(function (box) {
    var previous = earlier[box.dataset.check];
    if (previous) {
      // Coming back to a lesson shows the answer given last time, with its feedback.
      var chosen = box.querySelector('.check-option[data-option="' + previous.option + '"]');
      if (chosen) render(box, chosen, true, previous);
    }
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
        .then(function (result) { render(box, button, result.ok, result.data); })
        .catch(function () {
          render(box, button, false, { error: box.dataset.offline || "…" });
        })
        .finally(function () { delete box.dataset.busy; });
    });
  });
})();
