/*
 * H5P activities in a lesson (blocks/h5p_block.html): start the h5p-standalone player for each
 * `[data-h5p-activity]` element, one after another (the player is not safe to start in parallel),
 * send every xAPI statement of an activity to its own endpoint, and let H5P save and resume the
 * learner's state. Everything comes from this site: the player is served as static files, the
 * content and libraries by h5p.serving; nothing is fetched from elsewhere.
 *
 * The server records the attempt and decides the lesson's progress; this page only reports what
 * it answered. Scores are practice and never count towards a certificate.
 */
(function () {
  "use strict";
  if (window.elearnH5PPlayer) return; // one copy for all the blocks of the page
  window.elearnH5PPlayer = true;

  var LOCAL_CONTENT_ID = "http://h5p.org/x-api/h5p-local-content-id";
  var players = {}; // activity folder -> {element, config, queue}
  // h5p-standalone's player class, kept as soon as its script has loaded: H5P core's frame script,
  // which each player runs in this page, replaces the global H5PStandalone with its own exports.
  var Player = null;

  function format(text, values) {
    return (text || "").replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function number(value) {
    return value === null || value === undefined ? "" : String(Math.round(value * 100) / 100).replace(".", ",");
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("Cannot load " + src)); };
      document.head.appendChild(script);
    });
  }

  function say(player, text, isError) {
    var status = player.element.querySelector("[data-h5p-status]");
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("h5p-block__status--error", !!isError);
  }

  // Which of the page's activities a statement is about: H5P puts the player's id (the activity's
  // folder) in the statement; the object id (the activity's IRI, or the IRI plus ?subContentId=) is
  // the fallback.
  function playerFor(statement) {
    var object = statement && statement.object;
    if (!object) return null;
    var extensions = (object.definition && object.definition.extensions) || {};
    var id = extensions[LOCAL_CONTENT_ID];
    if (id !== undefined && players[String(id)]) return players[String(id)];
    var objectId = String(object.id || "");
    for (var key in players) {
      var iri = players[key].config.xAPIObjectIRI;
      if (objectId === iri || objectId.indexOf(iri + "?") === 0) return players[key];
    }
    return null;
  }

  var RETRY_DELAYS = [1000, 3000]; // a server error rolled the statement back: try again, twice

  function post(player, statement) {
    return fetch(player.config.xapiUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": player.element.dataset.csrfToken || "",
        "X-Requested-With": "XMLHttpRequest",
        Accept: "application/json"
      },
      body: JSON.stringify({ statement: statement, lesson: player.config.lesson })
    });
  }

  function send(player, statement, retry) {
    var data = player.element.dataset;
    retry = retry || 0;
    return post(player, statement)
      .then(function (response) {
        if (response.status >= 500 && retry < RETRY_DELAYS.length) {
          return new Promise(function (resolve) { window.setTimeout(resolve, RETRY_DELAYS[retry]); })
            .then(function () { return send(player, statement, retry + 1); });
        }
        // Logged out meanwhile: the endpoint sends the log-in page instead of JSON.
        var isJson = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        if (response.redirected || !isJson) {
          say(player, data.textNotSaved, true);
          return;
        }
        return response.json().catch(function () { return {}; }).then(function (result) {
          if (response.ok) {
            report(player, result);
          } else if (response.status === 400) {
            // A statement the server refuses (malformed, too large): nothing to tell the learner.
            if (window.console) console.warn("H5P xAPI:", result.error || response.status);
          } else {
            say(player, data.textNotSaved, true);
          }
        });
      })
      .catch(function () {
        say(player, data.textNotSaved, true);
      });
  }

  function report(player, result) {
    var data = player.element.dataset;
    if (!result.finished) return;
    var attempt = result.attempt || {};
    var text = attempt.raw_score !== null && attempt.raw_score !== undefined && attempt.max_score
      ? format(data.textRecorded, { score: number(attempt.raw_score), max: number(attempt.max_score) })
      : data.textRecordedPlain;
    if (result.lesson_completed) text += " " + data.textLessonDone;
    say(player, text, false);
  }

  // Statements of one activity are sent in the order H5P made them (children before the parent's
  // "answered", which ends the attempt).
  function onStatement(event) {
    var statement = event && event.data && event.data.statement;
    var player = playerFor(statement);
    if (!player) return;
    var copy = JSON.parse(JSON.stringify(statement));
    player.queue = player.queue.then(function () { return send(player, copy); });
  }

  // Each player loads H5P core's frame script into this page again, and it replaces
  // H5P.externalDispatcher (the iframes send their statements to whichever is current): listen on
  // every dispatcher as it is set, so no statement is missed while a later activity is loading.
  function listen() {
    var H5P = (window.H5P = window.H5P || {});
    var current = H5P.externalDispatcher;
    function attach(dispatcher) {
      if (dispatcher && typeof dispatcher.on === "function") dispatcher.on("xAPI", onStatement);
    }
    Object.defineProperty(H5P, "externalDispatcher", {
      configurable: true,
      enumerable: true,
      get: function () { return current; },
      set: function (dispatcher) {
        current = dispatcher;
        attach(dispatcher);
      }
    });
    attach(current);
  }

  function options(element, config) {
    var data = element.dataset;
    return {
      id: config.id,
      title: config.title,
      h5pJsonPath: config.h5pJsonPath,
      librariesPath: config.librariesPath,
      frameJs: data.frameScript,
      frameCss: data.frameStyle,
      customJs: [data.frameCsrf],
      xAPIObjectIRI: config.xAPIObjectIRI,
      user: config.user,
      saveFreq: config.saveFreq,
      ajax: { contentUserDataUrl: config.stateUrl },
      contentUserData: config.contentUserData,
      translations: config.translations,
      frame: false,
      icon: false,
      copyright: false,
      export: false,
      embed: false,
      fullScreen: true
    };
  }

  function start(element) {
    var data = element.dataset;
    var loading = element.querySelector("[data-h5p-loading]");
    var source = element.querySelector('script[type="application/json"]');
    var config = JSON.parse(source.textContent);
    if (players[config.id]) {
      if (loading) loading.textContent = data.textDuplicate;
      return Promise.resolve();
    }
    var player = { element: element, config: config, queue: Promise.resolve() };
    players[config.id] = player;
    var frame = element.querySelector("[data-h5p-frame]");
    return new Player(frame, options(element, config))
      .then(function () {
        if (loading) loading.remove();
        var iframe = frame.querySelector("iframe");
        if (iframe && !iframe.title) iframe.title = config.title; // named for screen readers
        element.dataset.h5pReady = "true";
      })
      .catch(function (error) {
        window.console && console.error("H5P:", error);
        if (loading) {
          loading.textContent = data.textError;
          loading.classList.add("h5p-block__message--error");
          loading.setAttribute("role", "alert");
        }
        element.dataset.h5pReady = "error";
      });
  }

  function init() {
    var elements = Array.prototype.slice.call(document.querySelectorAll("[data-h5p-activity]"));
    if (!elements.length || !window.fetch || !window.Promise) return;
    listen();
    loadScript(elements[0].dataset.playerScript)
      .then(function () {
        Player = window.H5PStandalone.H5P;
        // One after another: each player finishes starting before the next begins.
        return elements.reduce(function (previous, element) {
          return previous.then(function () { return start(element); });
        }, Promise.resolve());
      })
      .catch(function (error) {
        window.console && console.error("H5P:", error);
        elements.forEach(function (element) {
          var loading = element.querySelector("[data-h5p-loading]");
          if (loading) {
            loading.textContent = element.dataset.textError;
            loading.classList.add("h5p-block__message--error");
          }
        });
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
