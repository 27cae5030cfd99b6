// Progress of a background job in the admin (cadre import, activation sheet): the element with
// data-job-progress polls its data-status-url (JSON: percent, text, finished and counts), updates its
// progress bar, its [data-progress-text] and every [data-field=name], and reloads the page when done.
document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-job-progress]").forEach(function (root) {
        if (root.dataset.finished === "1") { return; }
        var bar = root.querySelector("[role=progressbar]");
        var text = root.querySelector("[data-progress-text]");
        function poll() {
            fetch(root.dataset.statusUrl, {credentials: "same-origin", headers: {"Accept": "application/json"}})
                .then(function (response) { return response.ok ? response.json() : null; })
                .then(function (data) {
                    if (!data) { window.setTimeout(poll, 5000); return; }
                    bar.setAttribute("aria-valuenow", data.percent);
                    bar.setAttribute("aria-valuetext", data.percent + " %");
                    bar.firstElementChild.style.width = data.percent + "%";
                    if (text && text.textContent !== data.text) { text.textContent = data.text; }
                    root.querySelectorAll("[data-field]").forEach(function (element) {
                        if (element.dataset.field in data) { element.textContent = data[element.dataset.field]; }
                    });
                    if (data.finished) { window.location.reload(); } else { window.setTimeout(poll, 1500); }
                })
                .catch(function () { window.setTimeout(poll, 5000); });
        }
        window.setTimeout(poll, 1000);
    });
});
