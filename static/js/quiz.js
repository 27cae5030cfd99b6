/*
 * An attempt page (bài kiểm tra): autosave, the countdown, and a confirmation before submitting
 * with unanswered questions. The page works without this script: every button posts the form and
 * the server saves, moves between pages and submits. The server also enforces the deadline; the
 * countdown only submits the page's answers when the time is up.
 */
(function () {
  "use strict";

  function format(text, values) {
    return (text || "").replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  // The same clock as the quiz_tags `clock` filter: "12:05" or "1:02:05".
  function clock(seconds) {
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var rest = seconds % 60;
    return hours ? hours + ":" + pad(minutes) + ":" + pad(rest) : pad(minutes) + ":" + pad(rest);
  }

  function setup(form) {
    var texts = form.dataset;
    var status = form.querySelector("[data-quiz-status]");
    var remaining = form.querySelector("[data-quiz-remaining]");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    var submitting = false;
    var busy = false;
    var again = false;

    function say(text) {
      if (status) status.textContent = text;
    }

    // The navigator shows each question as answered or not; this page's questions follow the inputs.
    function refreshNavigator() {
      form.querySelectorAll("[data-question]").forEach(function (fieldset) {
        var button = form.querySelector('[data-nav="' + fieldset.dataset.question + '"]');
        if (!button) return;
        var answered = !!fieldset.querySelector("input:checked");
        button.dataset.answered = answered ? "true" : "false";
        button.classList.toggle("is-answered", answered);
        var state = button.querySelector("[data-nav-state]");
        if (state) state.textContent = answered ? texts.textAnswered : texts.textUnanswered;
      });
      var count = form.querySelectorAll('[data-nav][data-answered="false"]').length;
      if (remaining) {
        remaining.textContent = count ? format(texts.textRemaining, { count: count }) : texts.textAllAnswered;
      }
      return count;
    }

    function save() {
      if (!window.fetch || submitting) return;
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      fetch(form.getAttribute("action"), {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: {
          "X-CSRFToken": token ? token.value : "",
          "X-Requested-With": "XMLHttpRequest",
          Accept: "application/json"
        }
      })
        .then(function (response) {
          if (response.status === 409) {
            // The attempt is closed (time up or submitted elsewhere): show its result.
            return response.json().then(function (result) {
              submitting = true;
              say(result.message);
              window.location.assign(result.redirect);
            });
          }
          if (response.status === 400) {
            return response.json().then(function (result) { say(result.error || texts.textFailed); });
          }
          if (!response.ok || response.redirected) throw new Error("not saved");
          return response.json().then(function (result) {
            if (result.saved) say(format(texts.textSaved, { time: result.saved_at }));
          });
        })
        .catch(function () { say(texts.textFailed); })
        .then(function () {
          busy = false;
          if (again) {
            again = false;
            save();
          }
        });
    }

    form.addEventListener("change", function () {
      refreshNavigator();
      save();
    });

    // A navigator button for a question on this page scrolls to it instead of reloading the page.
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-nav]");
      if (!button) return;
      var fieldset = document.getElementById("cau-" + button.dataset.nav);
      if (!fieldset) return;
      event.preventDefault();
      fieldset.scrollIntoView({ block: "start" });
      var input = fieldset.querySelector("input:checked") || fieldset.querySelector("input:not([type=hidden])");
      if (input) input.focus({ preventScroll: true });
    });

    form.addEventListener("submit", function (event) {
      if (submitting) return;
      var submitter = event.submitter;
      if (submitter && submitter.name === "nop-bai") {
        var count = refreshNavigator();
        if (count && !window.confirm(format(texts.textConfirm, { count: count }))) {
          event.preventDefault();
          return;
        }
      }
      submitting = true;  // no autosave races the page's own post
    });

    // Time is up: post the page's answers with "nộp bài" (the server closes the attempt either way).
    function submitNow() {
      if (submitting) return;
      submitting = true;
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "nop-bai";
      input.value = "1";
      form.appendChild(input);
      form.submit();
    }

    return { submitNow: submitNow };
  }

  function countdown(timer, onTimeUp) {
    var face = timer.querySelector("[data-quiz-clock]");
    var live = timer.querySelector("[data-quiz-timer-live]");
    var texts = timer.dataset;
    var seconds = parseInt(texts.secondsLeft, 10);
    if (isNaN(seconds)) return;
    // The server rounds the seconds left down; the deadline is at most a second after `end`.
    var end = Date.now() + seconds * 1000;
    var lastMinutes = Math.ceil(seconds / 60);
    var ticking = null;

    function tick() {
      var left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      if (face) face.textContent = clock(left);
      timer.classList.toggle("is-ending", left <= 60);
      var minutes = Math.ceil(left / 60);
      // Announce whole minutes only, never every second.
      if (minutes !== lastMinutes && left > 0 && live) live.textContent = format(texts.textMinutes, { count: minutes });
      lastMinutes = minutes;
      if (left <= 0) {
        window.clearInterval(ticking);
        if (live) live.textContent = texts.textTimeup;
        window.setTimeout(onTimeUp, 1000);
      }
    }

    ticking = window.setInterval(tick, 500);
    tick();
  }

  function init() {
    var form = document.querySelector("[data-quiz-form]");
    if (!form) return;
    var page = setup(form);
    var timer = document.querySelector("[data-quiz-timer]");
    if (timer) countdown(timer, page.submitNow);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
