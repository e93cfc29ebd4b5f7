// The playground: builds a real request for the chosen dialect, sends it to this server's API with
// the user's key (no cookie: exactly what a client would send), shows it as curl, polls the job's
// status endpoint and shows the outputs.
"use strict";

(function () {
  const form = document.getElementById("pg-form");
  if (!form) return;
  const config = JSON.parse(document.getElementById("pg-config").textContent);
  const KEY_STORE = "fitroom.playgroundKey";
  const POLL_LIMIT_MS = 5 * 60 * 1000;
  const $ = function (id) { return document.getElementById(id); };

  const state = { person: null, garments: [], bottom: null, running: false, urls: new Map() };

  // ---------- the key ----------
  const keyInput = $("pg-key");
  keyInput.value = sessionStorage.getItem(KEY_STORE) || "";
  keyInput.addEventListener("input", function () {
    sessionStorage.setItem(KEY_STORE, keyInput.value.trim());
  });
  $("pg-key-show").addEventListener("click", function () {
    keyInput.type = keyInput.type === "password" ? "text" : "password";
  });
  $("pg-new-key").addEventListener("click", function () {
    const button = $("pg-new-key");
    button.disabled = true;
    fetch("/dashboard/playground/key", {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": document.querySelector('meta[name="csrf-token"]').content, Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (made) {
        keyInput.value = made.key;
        sessionStorage.setItem(KEY_STORE, made.key);
        note("New key “" + made.name + "” (fr_" + made.prefix + "_…) created. It is listed on the API keys page, where you can revoke it.");
      })
      .catch(function (error) { note("Could not create a key (" + error.message + "). Reload the page and try again."); })
      .finally(function () { button.disabled = false; });
  });
  function note(text) {
    const el = $("pg-key-note");
    el.textContent = text;
    el.hidden = false;
  }

  // ---------- dialect ----------
  function dialect() {
    return form.querySelector('input[name="dialect"]:checked').value;
  }
  form.querySelectorAll('input[name="dialect"]').forEach(function (radio) {
    radio.addEventListener("change", refresh);
  });
  form.querySelectorAll("select, #pg-layered").forEach(function (el) {
    el.addEventListener("change", refresh);
  });

  // ---------- files: pick, drop, preview ----------
  function urlFor(file) {
    if (!state.urls.has(file)) state.urls.set(file, URL.createObjectURL(file));
    return state.urls.get(file);
  }
  function images(files) {
    return Array.prototype.filter.call(files, function (f) { return /^image\//.test(f.type) || /\.(jpe?g|png|webp)$/i.test(f.name); });
  }
  function accept(slot, files) {
    const list = images(files);
    if (!list.length) return;
    if (slot === "person") state.person = list[0];
    if (slot === "bottom") state.bottom = list[0];
    if (slot === "garment") {
      const room = dialect() === "virtufit" ? config.maxGarments : 1;
      state.garments = dialect() === "virtufit" ? state.garments.concat(list).slice(0, room) : [list[0]];
    }
    refresh();
  }
  document.querySelectorAll("[data-drop]").forEach(function (zone) {
    const slot = zone.getAttribute("data-drop");
    const input = zone.querySelector('input[type="file"]');
    input.addEventListener("change", function () {
      accept(slot, input.files);
      input.value = "";
    });
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("over");
      });
    });
    ["dragleave", "dragend"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("over");
      if (event.dataTransfer) accept(slot, event.dataTransfer.files);
    });
    zone.querySelector(".remove").addEventListener("click", function (event) {
      event.preventDefault();
      event.stopPropagation();
      if (slot === "person") state.person = null;
      if (slot === "bottom") state.bottom = null;
      if (slot === "garment") state.garments = [];
      refresh();
    });
  });

  function showPreview(slot, file, tag) {
    const zone = document.querySelector('[data-drop="' + slot + '"]');
    zone.classList.toggle("filled", Boolean(file));
    zone.querySelector(".remove").hidden = !file;
    const img = zone.querySelector(".preview img");
    if (file) {
      img.src = urlFor(file);
      zone.querySelector(".preview .tag").textContent = tag;
    } else {
      img.removeAttribute("src");
    }
  }

  function renderGarmentChips() {
    const list = $("pg-garments");
    list.textContent = "";
    if (dialect() !== "virtufit" || state.garments.length < 2) return;
    state.garments.forEach(function (file, index) {
      const chip = document.createElement("div");
      chip.className = "garment-chip";
      const img = document.createElement("img");
      img.src = urlFor(file);
      img.alt = "Garment " + (index + 1);
      const n = document.createElement("span");
      n.className = "n";
      n.textContent = String(index + 1);
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "btn ghost remove";
      remove.setAttribute("aria-label", "Remove garment " + (index + 1));
      remove.innerHTML = '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M6.5 6.5l11 11M17.5 6.5l-11 11"/></svg>';
      remove.addEventListener("click", function () {
        state.garments.splice(index, 1);
        refresh();
      });
      chip.append(img, n, remove);
      list.appendChild(chip);
    });
  }

  // ---------- the request, as the browser sends it and as curl ----------
  function shellQuote(text) {
    return String(text).replace(/(["\\$`])/g, "\\$1");
  }
  function fileName(file, fallback) {
    return file ? file.name : fallback;
  }

  function price() {
    const d = dialect();
    if (d !== "virtufit") return 1;
    return config.prices[$("pg-tier").value] * Math.max(1, state.garments.length);
  }

  function curl() {
    const base = config.baseUrl;
    const person = shellQuote(fileName(state.person, "person.jpg"));
    const d = dialect();
    const lines = [];
    if (d === "virtufit") {
      lines.push('curl -X POST "' + base + '/api/v1/generate" \\', '  -H "X-API-Key: $FITROOM_API_KEY" \\', '  -F "person_image=@' + person + '" \\');
      (state.garments.length ? state.garments : [null]).forEach(function (g) {
        lines.push('  -F "garment_image=@' + shellQuote(fileName(g, "garment.jpg")) + '" \\');
      });
      lines.push('  -F "tier=' + $("pg-tier").value + '" \\', '  -F "swap_target=' + $("pg-target").value + '" \\');
      if ($("pg-layered").checked) lines.push('  -F "compose=layered" \\');
      lines.push('  -F "output_format=' + $("pg-format").value + '"', "", "# then poll the job:", 'curl -H "X-API-Key: $FITROOM_API_KEY" "' + base + "/api/v1/jobs/" + (state.jobId || "<job_id>") + '"');
    } else if (d === "miragic") {
      lines.push('curl -X POST "' + base + '/api/v1/virtual-try-on" \\', '  -H "X-API-Key: $FITROOM_API_KEY" \\', '  -F "humanImage=@' + person + '" \\');
      lines.push('  -F "clothImage=@' + shellQuote(fileName(state.garments[0], "top.jpg")) + '" \\');
      if (state.bottom) lines.push('  -F "bottomClothImage=@' + shellQuote(state.bottom.name) + '" \\');
      lines.push('  -F "garmentType=' + $("pg-garment-type").value + '"', "", "# then poll the job:", 'curl -H "X-API-Key: $FITROOM_API_KEY" "' + base + "/api/v1/virtual-try-on/" + (state.jobId || "<jobId>") + '"');
    } else {
      const garment = shellQuote(fileName(state.garments[0], "garment.jpg"));
      lines.push(
        "# the photos go in as data: URIs, so the body is written to a file first",
        "printf '{\"model_name\":\"" + config.fashnModel + "\",\"inputs\":{\"model_image\":\"data:" + mime(state.person) + ";base64,%s\",\"garment_image\":\"data:" + mime(state.garments[0]) + ";base64,%s\",\"category\":\"" + $("pg-category").value + "\",\"output_format\":\"" + $("pg-fashn-format").value + "\"}}' \\",
        '  "$(base64 -w0 "' + person + '")" "$(base64 -w0 "' + garment + '")" > run.json',
        'curl -X POST "' + base + '/v1/run" \\',
        '  -H "Authorization: Bearer $FITROOM_API_KEY" \\',
        '  -H "Content-Type: application/json" -d @run.json',
        "",
        "# then poll the prediction:",
        'curl -H "Authorization: Bearer $FITROOM_API_KEY" "' + base + "/v1/status/" + (state.jobId || "<id>") + '"'
      );
    }
    return lines.join("\n");
  }
  function mime(file) {
    return file && file.type ? file.type : "image/jpeg";
  }

  const ENDPOINTS = { virtufit: "POST /api/v1/generate", miragic: "POST /api/v1/virtual-try-on", fashn: "POST /v1/run" };

  function refresh() {
    const d = dialect();
    document.querySelectorAll("[data-for]").forEach(function (el) {
      el.hidden = el.getAttribute("data-for") !== d;
    });
    if (d !== "virtufit" && state.garments.length > 1) state.garments = state.garments.slice(0, 1);
    $("pg-garment").multiple = d === "virtufit";
    document.querySelector("[data-garment-title]").textContent = d === "miragic" ? (state.bottom ? "Top" : "Garment") : d === "fashn" ? "Garment" : "Garments";
    document.querySelector("[data-garment-hint]").textContent = d === "virtufit" ? "Drop up to " + config.maxGarments + " photos, or click" : "Drop a photo here, or click to choose";
    showPreview("person", state.person, state.person ? state.person.name : "");
    const more = state.garments.length > 1 ? " · +" + (state.garments.length - 1) + " more" : "";
    showPreview("garment", state.garments[0] || null, state.garments[0] ? state.garments[0].name + more : "");
    showPreview("bottom", state.bottom, state.bottom ? state.bottom.name : "");
    renderGarmentChips();
    const combo = d === "miragic" && Boolean(state.bottom);
    $("pg-combo-note").hidden = !combo;
    $("pg-garment-type").disabled = combo;
    const cost = price();
    $("pg-cost").innerHTML = "";
    $("pg-cost").append("Costs ", strong(cost + " credit" + (cost === 1 ? "" : "s")), d === "miragic" && combo ? " (combo: one image)" : "");
    $("pg-endpoint").textContent = ENDPOINTS[d];
    $("pg-curl").textContent = curl();
  }
  function strong(text) {
    const el = document.createElement("strong");
    el.textContent = text;
    return el;
  }

  function readDataUrl(file) {
    return new Promise(function (resolve, reject) {
      const reader = new FileReader();
      reader.onload = function () { resolve(reader.result); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsDataURL(file);
    });
  }

  // Each dialect: how to send, and how to read its status answer into one shape.
  const DIALECTS = {
    virtufit: {
      send: function (key) {
        const body = new FormData();
        body.append("person_image", state.person, state.person.name);
        state.garments.forEach(function (g) { body.append("garment_image", g, g.name); });
        body.append("tier", $("pg-tier").value);
        body.append("swap_target", $("pg-target").value);
        body.append("output_format", $("pg-format").value);
        if ($("pg-layered").checked) body.append("compose", "layered");
        return call("POST", "/api/v1/generate", { "X-API-Key": key }, body);
      },
      jobId: function (answer) { return answer.job_id; },
      statusPath: function (id) { return "/api/v1/jobs/" + encodeURIComponent(id); },
      headers: function (key) { return { "X-API-Key": key }; },
      read: function (s) {
        return {
          state: s.status,
          progress: s.progress,
          outputs: s.output_urls || [],
          error: s.error ? s.error.code + ": " + s.error.message : null,
          note: s.status === "completed" ? s.credits_used + " credit" + (s.credits_used === 1 ? "" : "s") + " used, rendered in " + seconds(s.processing_time_ms) : null,
        };
      },
    },
    miragic: {
      send: function (key) {
        const body = new FormData();
        body.append("humanImage", state.person, state.person.name);
        body.append("clothImage", state.garments[0], state.garments[0].name);
        if (state.bottom) body.append("bottomClothImage", state.bottom, state.bottom.name);
        body.append("garmentType", $("pg-garment-type").value);
        return call("POST", "/api/v1/virtual-try-on", { "X-API-Key": key }, body);
      },
      jobId: function (answer) { return answer.data && answer.data.jobId; },
      statusPath: function (id) { return "/api/v1/virtual-try-on/" + encodeURIComponent(id); },
      headers: function (key) { return { "X-API-Key": key }; },
      read: function (s) {
        const d = s.data || {};
        const states = { PENDING: d.processingStartedAt ? "processing" : "queued", COMPLETED: "completed", FAILED: "failed" };
        return {
          state: states[d.status] || "queued",
          progress: d.progress,
          outputs: d.resultImagePath ? [d.resultImagePath] : [],
          error: d.errorMessage,
          note: null,
        };
      },
    },
    fashn: {
      send: function (key) {
        return Promise.all([readDataUrl(state.person), readDataUrl(state.garments[0])]).then(function (uris) {
          const body = JSON.stringify({
            model_name: config.fashnModel,
            inputs: {
              model_image: uris[0],
              garment_image: uris[1],
              category: $("pg-category").value,
              output_format: $("pg-fashn-format").value,
            },
          });
          return call("POST", "/v1/run", { Authorization: "Bearer " + key, "Content-Type": "application/json" }, body);
        });
      },
      jobId: function (answer) { return answer.id; },
      statusPath: function (id) { return "/v1/status/" + encodeURIComponent(id); },
      headers: function (key) { return { Authorization: "Bearer " + key }; },
      read: function (s) {
        const states = { starting: "queued", in_queue: "queued", processing: "processing", completed: "completed", failed: "failed" };
        return {
          state: states[s.status] || "queued",
          progress: null,
          outputs: s.output || [],
          error: s.error ? s.error.name + ": " + s.error.message : null,
          note: null,
        };
      },
    },
  };

  // The API call itself: same origin, key in the header, no cookie.
  function call(method, path, headers, body) {
    return fetch(path, { method: method, headers: Object.assign({ Accept: "application/json" }, headers), body: body, credentials: "omit" })
      .then(function (response) {
        return response.text().then(function (text) {
          let json = null;
          try { json = JSON.parse(text); } catch (e) { json = null; }
          return { status: response.status, ok: response.ok, json: json, text: text, retryAfter: Number(response.headers.get("Retry-After")) || 0 };
        });
      });
  }

  // ---------- the run ----------
  let started = 0;
  let ticker = 0;
  function seconds(ms) { return ms == null ? "—" : (ms / 1000).toFixed(1) + " s"; }
  function elapsed() { return seconds(performance.now() - started); }

  function log(text) {
    const item = document.createElement("li");
    const t = document.createElement("span");
    t.className = "t";
    t.textContent = "+" + elapsed();
    const what = document.createElement("span");
    what.className = "what";
    what.textContent = text;
    item.append(t, what);
    $("pg-timeline").appendChild(item);
  }
  function showHttp(answer) {
    const el = $("pg-http");
    el.hidden = false;
    el.textContent = "HTTP " + answer.status;
    el.className = "http-status " + (answer.ok ? "ok" : "bad");
    $("pg-json").textContent = answer.json ? JSON.stringify(answer.json, null, 2) : answer.text;
  }
  function setState(text, progress) {
    $("pg-state").textContent = text;
    const bar = $("pg-progress");
    bar.classList.toggle("indeterminate", progress == null);
    bar.querySelector("span").style.width = progress == null ? "" : progress + "%";
  }
  function fail(message) {
    $("pg-error").hidden = false;
    $("pg-error-text").textContent = message;
    setState("Failed", 100);
    $("pg-progress").classList.add("failed");
    finish();
  }
  function errorOf(answer) {
    const j = answer.json || {};
    if (j.error && typeof j.error === "object") return j.error.code + ": " + j.error.message;
    if (typeof j.error === "string") return j.error + ": " + (j.message || "");
    return "HTTP " + answer.status;
  }
  function finish() {
    clearInterval(ticker);
    state.running = false;
    $("pg-run").disabled = false;
    $("pg-elapsed").textContent = elapsed();
  }
  function showOutputs(urls, jobId) {
    const box = $("pg-results");
    box.textContent = "";
    urls.forEach(function (url, index) {
      const fig = document.createElement("figure");
      fig.className = "result";
      const img = document.createElement("img");
      img.src = url;
      img.alt = "Try-on result " + (index + 1);
      img.setAttribute("data-testid", "result-image");
      const cap = document.createElement("figcaption");
      cap.className = "caption";
      const label = document.createElement("span");
      label.textContent = "Output " + (index + 1);
      const download = document.createElement("a");
      download.className = "btn sm";
      download.href = url;
      download.download = "fitroom-" + String(jobId).slice(0, 8) + "-" + (index + 1);
      download.textContent = "Download";
      cap.append(label, download);
      fig.append(img, cap);
      box.appendChild(fig);
    });
    const link = $("pg-job-link");
    link.href = "/dashboard/jobs/" + encodeURIComponent(jobId);
    link.hidden = false;
  }
  function refreshBalance(key) {
    call("GET", "/v1/credits", { Authorization: "Bearer " + key }).then(function (answer) {
      if (answer.ok && answer.json) document.querySelector("[data-balance]").textContent = answer.json.credits.total.toLocaleString();
    });
  }

  function short(path, id) {
    return path.replace(encodeURIComponent(id), String(id).slice(0, 8) + "…");
  }

  function poll(d, key, id, delay) {
    if (performance.now() - started > POLL_LIMIT_MS) {
      fail("Still not finished after 5 minutes; the job page will show it when it is: /dashboard/jobs/" + id);
      return;
    }
    call("GET", DIALECTS[d].statusPath(id), DIALECTS[d].headers(key)).then(function (answer) {
      if (answer.status === 429) {
        log("429 rate limited: waiting " + (answer.retryAfter || 2) + " s");
        setTimeout(function () { poll(d, key, id, delay); }, (answer.retryAfter || 2) * 1000);
        return;
      }
      showHttp(answer);
      if (!answer.ok) {
        fail(errorOf(answer));
        return;
      }
      const s = DIALECTS[d].read(answer.json);
      if (s.state === "completed") {
        log("GET " + short(DIALECTS[d].statusPath(id), id) + " → completed" + (s.note ? " (" + s.note + ")" : ""));
        setState("Completed", 100);
        showOutputs(s.outputs, id);
        $("pg-out-sub").textContent = "Job " + id + " · done in " + elapsed();
        refreshBalance(key);
        finish();
        return;
      }
      if (s.state === "failed") {
        log("GET " + short(DIALECTS[d].statusPath(id), id) + " → failed");
        fail(s.error || "the render failed");
        refreshBalance(key);
        return;
      }
      const label = s.state === "queued" ? "Queued" : "Rendering";
      setState(label + (s.progress != null ? " · " + s.progress + "%" : ""), s.progress);
      if ($("pg-state").getAttribute("data-last") !== s.state) {
        log("GET " + short(DIALECTS[d].statusPath(id), id) + " → " + s.state);
        $("pg-state").setAttribute("data-last", s.state);
      }
      setTimeout(function () { poll(d, key, id, Math.min(delay * 1.25, 2000)); }, delay);
    }).catch(function (error) {
      log("network error: " + error.message + "; retrying");
      setTimeout(function () { poll(d, key, id, 2000); }, 2000);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (state.running) return;
    const key = keyInput.value.trim();
    const d = dialect();
    const missing = !key ? "Paste an API key, or create a playground key (step 1)." : !state.person ? "Add a person photo (step 3)." : !state.garments.length ? "Add a garment photo (step 3)." : null;
    $("pg-placeholder").hidden = true;
    $("pg-run-view").hidden = false;
    $("pg-error").hidden = true;
    $("pg-results").textContent = "";
    $("pg-job-link").hidden = true;
    $("pg-timeline").textContent = "";
    $("pg-json").textContent = "";
    $("pg-http").hidden = true;
    $("pg-progress").classList.remove("failed");
    $("pg-state").removeAttribute("data-last");
    state.jobId = null;
    started = performance.now();
    if (missing) {
      $("pg-out-sub").textContent = "Not sent.";
      fail(missing);
      return;
    }
    state.running = true;
    $("pg-run").disabled = true;
    $("pg-out-sub").textContent = ENDPOINTS[d] + " …";
    setState("Sending…", null);
    ticker = setInterval(function () { $("pg-elapsed").textContent = elapsed(); }, 100);
    log(ENDPOINTS[d] + " sent");
    DIALECTS[d].send(key).then(function (answer) {
      showHttp(answer);
      const id = answer.ok && answer.json ? DIALECTS[d].jobId(answer.json) : null;
      if (!id) {
        log("→ " + answer.status);
        $("pg-out-sub").textContent = "The API refused the request.";
        fail(errorOf(answer));
        return;
      }
      state.jobId = id;
      $("pg-curl").textContent = curl();
      log("→ " + answer.status + ", job " + String(id).slice(0, 8) + "…");
      $("pg-out-sub").textContent = "Job " + id;
      setState("Queued", 0);
      poll(d, key, id, 400);
    }).catch(function (error) {
      fail("The request could not be sent: " + error.message);
    });
  });

  refresh();
})();
