/*
 * Runs inside each H5P player's iframe (h5p-standalone's `customJs`, loaded after H5P core and the
 * content's libraries). H5P core saves the learner's state with jQuery POSTs to the saved-state
 * endpoint, which needs Django's CSRF token: add it to H5P's own same-origin POSTs.
 */
(function () {
  "use strict";
  var H5P = window.H5P;
  if (!H5P || !H5P.jQuery) return;

  // The lesson page's token (this iframe shares its origin), else Django's CSRF cookie.
  function token() {
    try {
      var holder = window.parent.document.querySelector("[data-csrf-token]");
      if (holder && holder.dataset.csrfToken) return holder.dataset.csrfToken;
    } catch (error) {
      // not inside the lesson page: fall back to the cookie
    }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  H5P.jQuery.ajaxPrefilter(function (options, original, xhr) {
    var method = (options.type || options.method || "GET").toUpperCase();
    if (options.crossDomain || /^(GET|HEAD|OPTIONS)$/.test(method)) return;
    xhr.setRequestHeader("X-CSRFToken", token());
  });
})();
