/* Taking a quiz: every change is saved at once (one small JSON POST), retried while
   offline; the countdown follows the server's deadline and locks the quiz at zero.
   Other scripts (hiring's integrity signals) can listen on #quiz for the events
   "steady:answer-saved" (detail: {question}) and "steady:quiz-locked". */
(function () {
  "use strict";
  var root = document.getElementById("quiz");
  if (!root) return;
  var answerUrl = root.dataset.answerUrl;
  var statusEl = root.querySelector("[data-status]");
  var timerEl = root.querySelector("[data-timer]");
  var csrf = (document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/) || [])[1] ||
    (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value;
  var pending = {};      // question id -> answer waiting to be sent
  var inFlight = false;
  var retryTimer = null;
  var closed = false;

  function say(text, kind) {
    statusEl.textContent = text;
    statusEl.className = "quiz-status" + (kind ? " status-" + kind : "");
  }

  function lock(message) {
    closed = true;
    root.querySelectorAll("input, textarea, select, button.reply").forEach(function (el) { el.disabled = true; });
    root.classList.add("quiz-closed");
    say(message || root.dataset.msgClosed, "closed");
    root.dispatchEvent(new CustomEvent("steady:quiz-locked"));
  }

  function answerOf(section) {
    var kind = section.dataset.kind;
    var q = "q" + section.dataset.question;
    if (kind === "description") return null;
    if (kind === "missing_word") {
      var word = section.querySelector("select[data-field=choice]");
      return word && word.value !== "" ? { choice: +word.value } : null;
    }
    if (kind === "matching") {
      var matches = {};
      section.querySelectorAll("select[data-field=match]").forEach(function (el) {
        if (el.value !== "") matches[el.dataset.prompt] = +el.value;
      });
      return { matches: matches };
    }
    if (kind === "short_answer" || kind === "numerical") {
      return { text: section.querySelector("input[data-field=text]").value };
    }
    if (kind === "single" || kind === "true_false") {
      var picked = section.querySelector("input[data-field=choice]:checked");
      return picked ? { choice: +picked.value } : null;
    }
    if (kind === "multiple") {
      return { choices: Array.prototype.map.call(
        section.querySelectorAll("input[data-field=choices]:checked"), function (el) { return +el.value; }) };
    }
    if (kind === "situational") {
      var most = section.querySelector("input[data-field=most]:checked");
      var least = section.querySelector("input[data-field=least]:checked");
      return { most: most ? +most.value : null, least: least ? +least.value : null };
    }
    if (kind === "dialogue") {
      return { path: dialoguePath(section) };
    }
    var answer = { text: section.querySelector("textarea[name=" + q + "]").value };
    var share = section.querySelector("input[data-field=share]");
    if (share) answer.share = share.checked;  // consent to the reply library
    return answer;
  }

  function queue(section) {
    if (closed) return;
    var answer = answerOf(section);
    if (!answer) return;
    pending[section.dataset.question] = { section: section, answer: answer };
    flush();
  }

  function flush() {
    if (inFlight || closed) return;
    var ids = Object.keys(pending);
    if (!ids.length) return;
    var id = ids[0];
    var item = pending[id];
    delete pending[id];
    inFlight = true;
    say(root.dataset.msgSaving, "saving");
    fetch(answerUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ question: +id, answer: item.answer })
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (result) {
      inFlight = false;
      if (result.status === 200 && result.body.ok) {
        if (result.body.dialogue) {
          root.dispatchEvent(new CustomEvent("steady:dialogue-step", {
            detail: { section: item.section, reached: result.body.dialogue } }));
        }
        var mark = item.section.querySelector("[data-saved-mark]");
        if (mark) mark.textContent = root.dataset.msgSaved;
        root.dispatchEvent(new CustomEvent("steady:answer-saved", { detail: { question: +id } }));
        if (typeof result.body.seconds_left === "number") startTimer(result.body.seconds_left);
        if (!Object.keys(pending).length) say(root.dataset.msgSaved, "saved");
        flush();
      } else if (result.body && result.body.closed) {
        lock(result.body.error);
      } else {
        say((result.body && result.body.error) || root.dataset.msgError, "error");
        if (item.section.dataset.kind === "dialogue") {
          // The reply was refused: take it back and let the taker choose again.
          var box = item.section.querySelector(".dialogue");
          box.dataset.path = dialoguePath(item.section).slice(0, -1).join(",");
          item.section.querySelectorAll("button.reply").forEach(function (el) {
            el.disabled = false;
            el.classList.remove("chosen");
          });
        }
        flush();
      }
    }).catch(function () {
      // Offline or the server is away: keep the newest answer and try again.
      inFlight = false;
      if (!pending[id]) pending[id] = item;
      say(root.dataset.msgOffline, "offline");
      clearTimeout(retryTimer);
      retryTimer = setTimeout(flush, 3000);
    });
  }

  window.addEventListener("online", flush);

  // --- dialogues -----------------------------------------------------------------
  // The page holds only the lines reached so far. A reply is saved like any answer;
  // the server's answer brings the next line, so later lines and branches are never
  // in the page before they are reached.
  function dialoguePath(section) {
    return (section.querySelector(".dialogue").dataset.path || "").split(",")
      .filter(Boolean).map(Number);
  }

  function customerLine(box, line) {
    var p = document.createElement("p");
    p.className = "line customer";
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = box.dataset.labelCustomer;
    var mood = document.createElement("span");
    mood.className = "badge mood mood-" + line.mood;
    mood.textContent = line.mood_label;
    p.appendChild(who);
    p.appendChild(document.createTextNode(" "));
    p.appendChild(mood);
    p.appendChild(document.createTextNode(" " + line.customer));
    return p;
  }

  function renderDialogue(section, reached) {
    var box = section.querySelector(".dialogue");
    var transcript = box.querySelector("[data-transcript]");
    var current = box.querySelector("[data-current]");
    transcript.textContent = "";
    reached.transcript.forEach(function (step) {
      transcript.appendChild(customerLine(box, step));
      var reply = document.createElement("p");
      reply.className = "line agent";
      reply.textContent = step.reply;
      transcript.appendChild(reply);
    });
    current.textContent = "";
    var line = reached.current;
    if (!line) return;
    current.appendChild(customerLine(box, line));
    if (line.ending) {
      var ended = document.createElement("p");
      ended.className = "ending ending-" + line.ending;
      ended.textContent = box.dataset.msgEnded + " " + line.ending_label;
      current.appendChild(ended);
      return;
    }
    var choices = document.createElement("div");
    choices.className = "dialogue-choices";
    line.choices.forEach(function (choice) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "reply";
      button.dataset.choice = choice.id;
      button.textContent = choice.text;
      choices.appendChild(button);
    });
    current.appendChild(choices);
  }

  root.addEventListener("steady:dialogue-step", function (event) {
    renderDialogue(event.detail.section, event.detail.reached);
  });

  root.querySelectorAll("section[data-kind=dialogue]").forEach(function (section) {
    section.addEventListener("click", function (event) {
      var button = event.target.closest("button.reply");
      if (!button || closed || button.disabled) return;
      var box = section.querySelector(".dialogue");
      section.querySelectorAll("button.reply").forEach(function (el) { el.disabled = true; });
      button.classList.add("chosen");
      var path = dialoguePath(section);
      path.push(+button.dataset.choice);
      box.dataset.path = path.join(",");
      queue(section);
    });
  });

  // --- every other kind: save on change, text after a short pause ---------------
  var typing = {};
  root.querySelectorAll("section[data-question]").forEach(function (section) {
    section.addEventListener("change", function (event) {
      var field = event.target.dataset.field;
      if (section.dataset.kind === "situational" && (field === "most" || field === "least")) {
        // One reply cannot be both the most and the least effective.
        var other = field === "most" ? "least" : "most";
        var twin = section.querySelector("input[data-field=" + other + "][value='" + event.target.value + "']");
        if (twin && twin.checked) twin.checked = false;
      }
      queue(section);
    });
    section.addEventListener("input", function (event) {
      var typed = event.target.tagName === "TEXTAREA" ||
        (event.target.tagName === "INPUT" && event.target.type === "text");
      if (!typed) return;
      clearTimeout(typing[section.dataset.question]);
      typing[section.dataset.question] = setTimeout(function () { queue(section); }, 600);
    });
  });

  // --- countdown from the server's deadline -------------------------------------
  var ticking = null;
  function startTimer(secondsLeft) {
    if (!timerEl) return;
    var endsAt = Date.now() + secondsLeft * 1000;
    clearInterval(ticking);
    function tick() {
      var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
      var minutes = Math.floor(left / 60);
      var seconds = left % 60;
      timerEl.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      root.classList.toggle("time-short", left <= 60);
      if (left === 0) {
        clearInterval(ticking);
        lock();
      }
    }
    tick();
    ticking = setInterval(tick, 1000);
  }
  if (root.dataset.secondsLeft !== undefined) startTimer(+root.dataset.secondsLeft);

  // Before a submit, send what is still waiting.
  var submitForm = root.querySelector(".quiz-submit");
  if (submitForm) {
    submitForm.addEventListener("submit", function (event) {
      if (!Object.keys(pending).length && !inFlight) return;
      event.preventDefault();
      flush();
      var wait = setInterval(function () {
        if (!Object.keys(pending).length && !inFlight) {
          clearInterval(wait);
          submitForm.submit();
        }
      }, 200);
    });
  }
})();
