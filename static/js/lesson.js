/*
 * Time on a lesson page, for enrolled learners who have not completed it yet.
 * Every 15 s while the page is visible, tell the server the learner is still here; the server
 * credits the time really spent and completes "min_time" lessons. The remaining time is shown
 * in the page, and announced politely to screen readers only when the whole minute changes.
 */
(function () {
  "use strict";
  var INTERVAL = 15000;

  function init() {
    var box = document.querySelector("[data-lesson-heartbeat]");
    if (!box || !window.fetch) return;
    var data = box.dataset;
    var remaining = box.querySelector("[data-lesson-remaining]");
    var live = box.querySelector("[data-lesson-live]");
    var lastMinutes = null;
    var timer = null;
    var busy = false;

    function duration(seconds) {
      var minutes = Math.floor(seconds / 60);
      var rest = seconds % 60;
      var parts = [];
      if (minutes) parts.push(minutes + " " + data.unitMinutes);
      if (rest || !minutes) parts.push(rest + " " + data.unitSeconds);
      return parts.join(" ");
    }

    function announce(text) {
      if (live) live.textContent = text;
    }

    function stop() {
      window.clearInterval(timer);
      timer = null;
    }

    function show(result) {
      if (result.completed) {
        stop();
        if (remaining) remaining.textContent = data.textDone;
        announce(data.textDone);
        window.setTimeout(function () { window.location.reload(); }, 2000);
        return;
      }
      if (data.rule !== "min_time" || !remaining) return;
      var seconds = Math.max(0, Math.round(result.seconds_remaining || 0));
      var text = seconds ? data.textRemaining.replace("{time}", duration(seconds)) : data.textEnough;
      remaining.textContent = text;
      var minutes = Math.ceil(seconds / 60);
      if (lastMinutes !== null && minutes !== lastMinutes) announce(text);
      lastMinutes = minutes;
    }

    function beat() {
      if (busy || document.visibilityState !== "visible") return;
      busy = true;
      fetch(data.lessonHeartbeat, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": data.csrfToken, "X-Requested-With": "XMLHttpRequest" }
      })
        .then(function (response) {
          if (response.status === 409) {
            return response.json().then(function (result) {
              stop();
              if (!live || !result.error) return;
              live.className = "alert alert--error";  // make the refusal visible, not only announced
              live.textContent = result.error;
            });
          }
          if (response.redirected || response.status === 403) return stop();  // signed out: stop asking
          if (response.ok) return response.json().then(show);
          // A server error: try again at the next beat.
        })
        .catch(function () {})
        .then(function () { busy = false; });
    }

    timer = window.setInterval(beat, INTERVAL);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
