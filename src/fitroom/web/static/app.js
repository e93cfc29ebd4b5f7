// fitroom dashboard: small progressive enhancements shared by every page. Pages work without it.
"use strict";

(function () {
  const KEY_STORE = "fitroom.playgroundKey";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "sr-only";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
    return Promise.resolve();
  }

  function flashButton(button, label) {
    const text = button.querySelector("[data-label]") || button;
    const before = text.textContent;
    text.textContent = label;
    button.classList.add("copied");
    setTimeout(function () {
      text.textContent = before;
      button.classList.remove("copied");
    }, 1600);
  }

  // Copy buttons: data-copy="literal text", data-copy-target="#element", or data-copy-panel="group"
  // (the panel of a tab group that is showing).
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-copy], [data-copy-target], [data-copy-panel]");
    if (!button) return;
    event.preventDefault();
    let text = button.getAttribute("data-copy");
    if (text === null) {
      const group = button.getAttribute("data-copy-panel");
      const target = group
        ? document.querySelector('[data-panel-group="' + group + '"]:not([hidden])')
        : document.querySelector(button.getAttribute("data-copy-target"));
      text = target ? target.textContent : "";
    }
    copyText(text.trim()).then(function () { flashButton(button, "Copied"); });
  });

  // Forms that change something that cannot be undone ask first.
  document.addEventListener("submit", function (event) {
    const form = event.target;
    const question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });

  // Times in the visitor's own time zone (the server renders UTC).
  document.querySelectorAll("time[data-local]").forEach(function (el) {
    const when = new Date(el.getAttribute("datetime"));
    if (!isNaN(when)) {
      el.title = el.textContent.trim();
      el.textContent = when.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
    }
  });

  // Tabs: [data-tabs] holds buttons [data-tab=x]; panels [data-panel=x] share the group name.
  document.querySelectorAll("[data-tabs]").forEach(function (bar) {
    const group = bar.getAttribute("data-tabs");
    const panels = document.querySelectorAll('[data-panel-group="' + group + '"]');
    bar.querySelectorAll("[data-tab]").forEach(function (tab) {
      tab.addEventListener("click", function () {
        const name = tab.getAttribute("data-tab");
        bar.querySelectorAll("[data-tab]").forEach(function (t) {
          t.setAttribute("aria-selected", String(t === tab));
        });
        panels.forEach(function (panel) {
          panel.hidden = panel.getAttribute("data-panel") !== name;
        });
      });
    });
  });

  // A new key can be taken to the playground: kept in this tab only, never in a cookie.
  document.querySelectorAll("[data-use-key]").forEach(function (button) {
    button.addEventListener("click", function () {
      const source = document.querySelector(button.getAttribute("data-use-key"));
      if (!source) return;
      sessionStorage.setItem(KEY_STORE, source.textContent.trim());
      window.location.href = "/dashboard/playground";
    });
  });

  // Progress bars rendered by the server (no inline styles: the CSP forbids them).
  document.querySelectorAll(".progress[data-value] > span").forEach(function (span) {
    span.style.width = span.parentElement.getAttribute("data-value") + "%";
  });

  // A job page follows its unfinished job through the API (the session cookie authenticates).
  const live = document.querySelector("[data-job-live]");
  if (live) {
    const id = live.getAttribute("data-job-live");
    const bar = live.querySelector(".progress > span");
    const label = live.querySelector("[data-progress-label]");
    let delay = 700;
    const poll = function () {
      fetch("/api/v1/jobs/" + encodeURIComponent(id), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (job) {
          if (!job) return;
          if (job.status === "completed" || job.status === "failed") {
            window.location.reload();
            return;
          }
          if (bar) bar.style.width = job.progress + "%";
          if (label) label.textContent = job.status + " · " + job.progress + "%";
          delay = Math.min(delay * 1.3, 3000);
          setTimeout(poll, delay);
        })
        .catch(function () { setTimeout(poll, 3000); });
    };
    setTimeout(poll, delay);
  }
})();
