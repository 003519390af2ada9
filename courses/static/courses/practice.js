// "Check my reply": score a draft rewrite on the server and highlight the findings in it.
(function () {
  "use strict";
  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) return field.value;
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The draft with each finding's words wrapped in a <mark>; overlapping spans keep the first.
  function highlighted(text, findings) {
    var spans = findings
      .filter(function (f) { return f.end > f.start; })
      .sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var out = el("p", "practice-text");
    var at = 0;
    spans.forEach(function (f) {
      if (f.start < at) return;
      out.appendChild(document.createTextNode(text.slice(at, f.start)));
      var mark = el("mark", "finding-" + f.kind + " finding-code-" + f.code, text.slice(f.start, f.end));
      mark.title = f.message;
      out.appendChild(mark);
      at = f.end;
    });
    out.appendChild(document.createTextNode(text.slice(at)));
    return out;
  }

  function render(feedback, text, data) {
    feedback.replaceChildren();
    feedback.hidden = false;
    if (data.error) {
      feedback.appendChild(el("p", "practice-error", data.error));
      return;
    }
    var verdict = data.passed ? feedback.dataset.labelPassed : feedback.dataset.labelFailed;
    feedback.appendChild(el("p", "practice-score " + (data.passed ? "passed" : "failed"),
      feedback.dataset.labelScore + ": " + data.score + " / 100 — " + verdict));
    feedback.appendChild(highlighted(text, data.findings));
    var list = el("ul", "findings");
    data.findings.forEach(function (f) {
      var item = el("li", "finding finding-" + f.kind);
      item.appendChild(el("span", "badge " + (f.kind === "reward" ? "badge-ok" : "badge-bad"),
        (f.points > 0 ? "+" : "") + f.points));
      item.appendChild(document.createTextNode(" " + f.message + (f.excerpt && f.code !== "abuse" ? " — «" + f.excerpt + "»" : "")));
      list.appendChild(item);
    });
    feedback.appendChild(list);
  }

  document.querySelectorAll("[data-practice]").forEach(function (box) {
    var button = box.querySelector("[data-practice-check]");
    var feedback = box.querySelector("[data-practice-feedback]");
    var area = box.querySelector("[data-practice-text]") ||
      box.parentElement.querySelector("[data-practice-text]");
    if (!button || !feedback || !area) return;
    button.addEventListener("click", function () {
      var payload = { text: area.value };
      if (box.dataset.attempt) {
        payload.attempt = box.dataset.attempt;
        payload.question = box.dataset.question;
      } else {
        payload.lesson = box.dataset.lesson;
        payload.block = box.dataset.block;
      }
      var text = area.value;
      button.disabled = true;
      button.dataset.label = button.dataset.label || button.textContent;
      button.textContent = feedback.dataset.labelBusy;
      fetch(box.dataset.url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify(payload),
      })
        .then(function (response) { return response.json(); })
        .then(function (data) { render(feedback, text, data); })
        .catch(function () { render(feedback, text, { error: button.dataset.label }); })
        .finally(function () {
          button.disabled = false;
          button.textContent = button.dataset.label;
        });
    });
  });
})();
