// SalesPulse: small progressive enhancements. Every page works without this file except
// drag and drop on the pipeline boards, which have a "Move" menu on each card instead.
"use strict";

function money(cents) {
  const sign = cents < 0 ? "-" : "";
  const whole = Math.floor(Math.abs(cents) / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = String(Math.abs(cents) % 100).padStart(2, "0");
  return sign + whole + "." + fraction;
}

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

function setUpBoard(board) {
  const path = board.dataset.path;
  const field = board.dataset.field;
  const message = document.getElementById("board-message");
  let dragged = null;

  function show(text) {
    message.textContent = text;
    message.hidden = !text;
  }

  function adjust(column, countDelta, centsDelta) {
    const count = column.querySelector("[data-count]");
    const total = column.querySelector("[data-total]");
    count.textContent = String(Number(count.textContent) + countDelta);
    const cents = Number(total.dataset.cents) + centsDelta;
    total.dataset.cents = String(cents);
    total.textContent = money(cents);
  }

  board.addEventListener("dragstart", (event) => {
    dragged = event.target.closest("[data-card]");
    if (!dragged) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.card);
    dragged.classList.add("dragging");
  });
  board.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("dragging");
    board.querySelectorAll(".drop-target").forEach((column) => column.classList.remove("drop-target"));
  });
  board.addEventListener("dragover", (event) => {
    const column = event.target.closest("[data-column]");
    if (!column || !dragged) return;
    event.preventDefault();
    column.classList.add("drop-target");
  });
  board.addEventListener("dragleave", (event) => {
    const column = event.target.closest("[data-column]");
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("drop-target");
  });
  board.addEventListener("drop", async (event) => {
    const column = event.target.closest("[data-column]");
    if (!column || !dragged) return;
    event.preventDefault();
    column.classList.remove("drop-target");
    const card = dragged;
    const from = card.closest("[data-column]");
    if (from === column) return;
    show("");
    const response = await fetch(`/api/v1/${path}/${card.dataset.card}`, {
      method: "PATCH",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken() },
      body: JSON.stringify({ [field]: column.dataset.column }),
    }).catch(() => null);
    if (!response || !response.ok) {
      let text = "The move could not be saved.";
      try { text = (await response.json()).error.message; } catch (ignored) { /* keep the generic text */ }
      show(text);
      return; // the card never left its column
    }
    column.querySelector(".cards").prepend(card);
    const cents = Number(card.dataset.cents || 0);
    adjust(from, -1, -cents);
    adjust(column, 1, cents);
    const select = card.querySelector("select[name=to]");
    if (select) {
      for (const option of select.options) option.hidden = option.value === column.dataset.column;
      const visible = Array.from(select.options).find((option) => !option.hidden);
      if (visible) select.value = visible.value;
    }
  });
}

function setUpLines(table) {
  function recompute() {
    let grand = 0;
    table.querySelectorAll("[data-line]").forEach((row) => {
      const quantity = Number(row.querySelector("[data-quantity]").value || 0);
      const price = Math.round(Number(row.querySelector("[data-price]").value || 0) * 100);
      const total = quantity * price;
      grand += total;
      row.querySelector("[data-total]").textContent = money(total);
    });
    table.querySelector("[data-grand-total]").textContent = money(grand);
  }
  table.addEventListener("input", recompute);
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-board]").forEach(setUpBoard);
  document.querySelectorAll("[data-lines]").forEach(setUpLines);
});

// Charts to PNG: the inline SVG drawn onto a canvas at twice its size, then downloaded.
function exportChartPNG(link) {
  const svg = document.querySelector("#" + CSS.escape(link.dataset.chart) + " svg");
  if (!svg) return;
  const box = svg.viewBox.baseVal;
  const copy = svg.cloneNode(true);
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  copy.setAttribute("width", box.width);
  copy.setAttribute("height", box.height);
  const image = new Image();
  image.onload = function () {
    const canvas = document.createElement("canvas");
    canvas.width = box.width * 2;
    canvas.height = box.height * 2;
    const context = canvas.getContext("2d");
    context.fillStyle = "#fff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    canvas.toBlob(function (blob) {
      const download = document.createElement("a");
      download.href = URL.createObjectURL(blob);
      download.download = link.dataset.name;
      document.body.appendChild(download);
      download.click();
      download.remove();
      link.dataset.exported = "true";
    }, "image/png");
  };
  image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(copy));
}

document.addEventListener("click", function (event) {
  const link = event.target.closest("a.png-export");
  if (!link) return;
  event.preventDefault();
  exportChartPNG(link);
});

// An import's or a backup's page follows its progress without reloading, then shows the result.
(function () {
  const box = document.querySelector("section[data-progress]");
  if (!box) return;
  const bar = box.querySelector("progress");
  const done = box.querySelector("[data-processed]");
  function poll() {
    fetch(box.dataset.progress, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (progress) {
        bar.value = progress.percent;
        bar.textContent = progress.percent + "%";
        done.textContent = progress.processed;
        if (progress.finished) { window.location.reload(); } else { setTimeout(poll, 1000); }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 500);
})();

document.addEventListener("submit", function (event) {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
});

// A new lead form or channel asks only for what its kind needs.
(function () {
  const choice = document.querySelector("select[data-channel-choice]");
  if (!choice) return;
  function update() {
    document.querySelectorAll("[data-channels]").forEach(function (group) {
      group.hidden = !group.dataset.channels.split(" ").includes(choice.value);
    });
  }
  choice.addEventListener("change", update);
  update();
})();

// The day planner starts from where the phone is, when its owner allows it.
(function () {
  const button = document.querySelector("button[data-geolocate]");
  if (!button) return;
  if (!navigator.geolocation) { button.hidden = true; return; }
  button.addEventListener("click", function () {
    const [latitude, longitude] = button.dataset.geolocate.split(" ").map(function (id) { return document.getElementById(id); });
    button.textContent = "Finding you…";
    navigator.geolocation.getCurrentPosition(function (position) {
      latitude.value = position.coords.latitude.toFixed(6);
      longitude.value = position.coords.longitude.toFixed(6);
      const select = document.getElementById(button.dataset.select);
      if (select) select.value = "here";
      button.textContent = "Position found";
    }, function () {
      button.textContent = "Position not shared; type it instead";
    }, { enableHighAccuracy: true, timeout: 10000 });
  });
})();

// A check-in sends where the phone is; without a position it still records the visit.
document.addEventListener("submit", function (event) {
  const form = event.target.closest("form[data-check-in]");
  if (!form || form.dataset.located || !navigator.geolocation) return;
  event.preventDefault();
  const button = form.querySelector("button");
  button.textContent = "Finding you…";
  function send() { form.dataset.located = "1"; form.submit(); }
  navigator.geolocation.getCurrentPosition(function (position) {
    form.elements.latitude.value = position.coords.latitude.toFixed(6);
    form.elements.longitude.value = position.coords.longitude.toFixed(6);
    send();
  }, send, { enableHighAccuracy: true, timeout: 10000 });
});

/* Forms that answer again as soon as a choice changes (the question's chips). */
document.addEventListener("change", function (event) {
  const form = event.target.closest("form[data-submit-on-change]");
  if (form && event.target.matches("select")) form.requestSubmit();
});

/* The header's question box: your recent questions and examples, fetched once it is used. */
document.addEventListener("focusin", function (event) {
  const box = event.target;
  if (box.id !== "global-search" || box.dataset.ideasLoaded) return;
  box.dataset.ideasLoaded = "1";
  const list = document.getElementById("global-ideas");
  fetch(list.dataset.ideas, { headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : { ideas: [] }; })
    .then(function (body) {
      body.ideas.forEach(function (idea) {
        const option = document.createElement("option");
        option.value = idea;
        list.appendChild(option);
      });
    })
    .catch(function () {});
});

/* The day planner's map picks accounts: a tap on a marker ticks or unticks it in the list,
   a box dragged with the mouse ticks every marker inside. */
(function () {
  const frame = document.querySelector(".map-frame[data-pickable]");
  const svg = frame && frame.querySelector("svg");
  if (!svg) return;
  function idOf(link) {
    const match = (link.getAttribute("href") || "").match(/^\/accounts\/([0-9A-Fa-f-]{36})$/);
    return match && match[1];
  }
  function box(id) { return document.getElementById("a-" + id); }
  function markers() {
    return Array.from(svg.querySelectorAll("a")).filter(function (link) { const id = idOf(link); return id && box(id); });
  }
  function show() {
    markers().forEach(function (link) { link.classList.toggle("picked", box(idOf(link)).checked); });
  }
  svg.addEventListener("click", function (event) {
    const link = event.target.closest("a");
    if (!link || !idOf(link) || !box(idOf(link))) return;
    event.preventDefault();
    const checkbox = box(idOf(link));
    checkbox.checked = !checkbox.checked;
    show();
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches(".pick-list input[type=checkbox]")) show();
  });
  function point(event) {
    const at = svg.createSVGPoint();
    at.x = event.clientX;
    at.y = event.clientY;
    return at.matrixTransform(svg.getScreenCTM().inverse());
  }
  let start = null, lasso = null;
  frame.addEventListener("pointerdown", function (event) {
    if (event.pointerType !== "mouse" || event.target.closest("a")) return;
    start = point(event);
    lasso = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    lasso.setAttribute("class", "lasso");
    svg.appendChild(lasso);
    event.preventDefault();
  });
  window.addEventListener("pointermove", function (event) {
    if (!start) return;
    const now = point(event);
    lasso.setAttribute("x", Math.min(start.x, now.x));
    lasso.setAttribute("y", Math.min(start.y, now.y));
    lasso.setAttribute("width", Math.abs(now.x - start.x));
    lasso.setAttribute("height", Math.abs(now.y - start.y));
  });
  window.addEventListener("pointerup", function (event) {
    if (!start) return;
    const end = point(event);
    const left = Math.min(start.x, end.x), right = Math.max(start.x, end.x);
    const top = Math.min(start.y, end.y), bottom = Math.max(start.y, end.y);
    markers().forEach(function (link) {
      const circle = link.querySelector("circle");
      const x = parseFloat(circle.getAttribute("cx")), y = parseFloat(circle.getAttribute("cy"));
      if (x >= left && x <= right && y >= top && y <= bottom) box(idOf(link)).checked = true;
    });
    lasso.remove();
    start = null;
    lasso = null;
    show();
  });
  show();
})();

/* The coverage page's map draws a territory: each tap away from a marker adds a corner (turned
   back from the map's Web Mercator picture into latitude and longitude) to the form's list,
   and the outline so far is drawn over the map. */
(function () {
  const frame = document.querySelector(".map-frame[data-drawable]");
  const svg = frame && frame.querySelector("svg");
  const field = document.getElementById("territory-corners");
  if (!svg || !field) return;
  const scale = parseFloat(frame.dataset.scale), offsetX = parseFloat(frame.dataset.offsetX),
    offsetY = parseFloat(frame.dataset.offsetY);
  if (!(scale > 0)) return;
  const sketch = document.createElementNS("http://www.w3.org/2000/svg", "polygon");
  sketch.setAttribute("class", "sketch");
  svg.appendChild(sketch);
  function corners() {
    return field.value.split(/[\n;]/).map(function (line) {
      const parts = line.split(/[ ,]+/).filter(Boolean).map(Number);
      return parts.length === 2 && parts.every(isFinite) ? parts : null;
    }).filter(Boolean);
  }
  function show() {
    sketch.setAttribute("points", corners().map(function (corner) {
      const latitude = Math.max(Math.min(corner[0], 85.0511), -85.0511) * Math.PI / 180;
      const x = (corner[1] + 180) / 360;
      const y = (1 - Math.log(Math.tan(latitude) + 1 / Math.cos(latitude)) / Math.PI) / 2;
      return (offsetX + x * scale).toFixed(1) + "," + (offsetY + y * scale).toFixed(1);
    }).join(" "));
  }
  svg.addEventListener("click", function (event) {
    if (event.target.closest("a")) return;
    const at = svg.createSVGPoint();
    at.x = event.clientX;
    at.y = event.clientY;
    const point = at.matrixTransform(svg.getScreenCTM().inverse());
    const x = (point.x - offsetX) / scale, y = (point.y - offsetY) / scale;
    const longitude = x * 360 - 180;
    const latitude = Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180 / Math.PI;
    const line = latitude.toFixed(6) + ", " + longitude.toFixed(6);
    field.value = field.value.trim() ? field.value.trim() + "\n" + line : line;
    show();
  });
  field.addEventListener("input", show);
  const clear = document.querySelector("[data-clear-corners]");
  if (clear) clear.addEventListener("click", function () { field.value = ""; show(); field.focus(); });
  show();
})();
