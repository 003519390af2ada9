/* Integrity signals while a candidate takes an assessment: the page losing focus,
   text pasted into an answer, and the seconds spent on each question. They are sent
   as small JSON posts to a URL scoped by the invitation token, and are information
   for the recruiter only. */
(function () {
  "use strict";
  var box = document.getElementById("integrity");
  var quiz = document.getElementById("quiz");
  if (!box || !quiz) return;
  var url = box.dataset.url;
  var csrf = (document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/) || [])[1] ||
    (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value;
  var current = null;     // question id being worked on
  var since = null;       // when work on it began (ms)

  function send(body) {
    try {
      fetch(url, {
        method: "POST", credentials: "same-origin", keepalive: true,
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify(body)
      }).catch(function () {});
    } catch (e) { /* signals are best effort */ }
  }

  function stop() {
    if (current !== null && since !== null) {
      var seconds = (Date.now() - since) / 1000;
      if (seconds >= 0.2) send({ event: "time", question: +current, seconds: Math.round(seconds * 10) / 10 });
    }
    since = null;
  }

  function work(questionId) {
    if (questionId === current && since !== null) return;
    stop();
    current = questionId;
    since = Date.now();
  }

  quiz.addEventListener("focusin", function (event) {
    var section = event.target.closest("section[data-question]");
    if (section) work(section.dataset.question);
  });
  quiz.addEventListener("pointerdown", function (event) {
    var section = event.target.closest("section[data-question]");
    if (section) work(section.dataset.question);
  });
  quiz.addEventListener("paste", function (event) {
    var section = event.target.closest("section[data-question]");
    if (section && event.target.tagName === "TEXTAREA") {
      send({ event: "paste", question: +section.dataset.question });
    }
  });
  var away = false;
  function leave() {
    if (away) return;
    away = true;
    stop();
    send({ event: "blur" });
  }
  function back() {
    if (!away) return;
    away = false;
    if (current !== null) since = Date.now();
  }
  window.addEventListener("blur", leave);
  window.addEventListener("focus", back);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") leave(); else back();
  });
  window.addEventListener("pagehide", stop);
})();
