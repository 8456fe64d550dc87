// "In this story" boxes in order: drag a row by its handle, or use Move up / Move down
// (keyboard). Each row's hidden position follows the order the editor sees.
"use strict";
{
  const GROUPS = ["#organization_links-group", "#person_links-group"];

  function rowsOf(tbody) {
    return Array.from(tbody.querySelectorAll("tr.form-row:not(.empty-form)"));
  }

  function isFilled(row) {
    if (row.classList.contains("has_original")) return true;
    const select = row.querySelector("select");
    return Boolean(select && select.value);
  }

  // Rows in the order shown: 0, 1, 2… An empty extra row keeps its position empty (and so
  // stays an unchanged, ignored form).
  function renumber(tbody) {
    let index = 0;
    rowsOf(tbody).forEach((row) => {
      const input = row.querySelector('input[name$="-position"]');
      if (!input) return;
      input.value = isFilled(row) ? String(index++) : "";
    });
  }

  function rowName(row) {
    const select = row.querySelector("select");
    const chosen = select && select.selectedOptions[0];
    return chosen && chosen.value ? chosen.textContent.trim() : "this row";
  }

  function move(row, step) {
    const tbody = row.parentElement;
    const rows = rowsOf(tbody);
    const at = rows.indexOf(row);
    const to = at + step;
    if (to < 0 || to >= rows.length) return;
    if (step < 0) tbody.insertBefore(row, rows[to]);
    else tbody.insertBefore(row, rows[to].nextSibling);
    renumber(tbody);
    const button = row.querySelector(step < 0 ? ".move-up" : ".move-down");
    if (button) button.focus();
    announce(tbody, `${rowName(row)} moved to place ${to + 1} of ${rows.length}.`);
  }

  function announce(tbody, text) {
    const group = tbody.closest(".inline-group");
    let live = group.querySelector(".box-order-status");
    if (!live) {
      live = document.createElement("p");
      live.className = "box-order-status help";
      live.setAttribute("role", "status");
      group.appendChild(live);
    }
    live.textContent = text;
  }

  function button(label, className, text) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = `button ${className}`;
    b.textContent = text;
    b.setAttribute("aria-label", label);
    return b;
  }

  let dragged = null;

  function equip(row) {
    if (row.classList.contains("empty-form") || row.querySelector(".box-order")) return;
    const cell = row.querySelector("td.original") || row.querySelector("td");
    if (!cell) return;
    const controls = document.createElement("span");
    controls.className = "box-order";
    const handle = document.createElement("span");
    handle.className = "drag-handle";
    handle.textContent = "⠿";
    handle.title = "Drag to reorder";
    handle.setAttribute("aria-hidden", "true");
    const up = button("Move up", "move-up", "↑");
    const down = button("Move down", "move-down", "↓");
    up.addEventListener("click", () => move(row, -1));
    down.addEventListener("click", () => move(row, 1));
    controls.append(handle, up, down);
    cell.prepend(controls);

    handle.addEventListener("mousedown", () => { row.draggable = true; });
    row.addEventListener("dragstart", (event) => {
      dragged = row;
      row.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", "box-row");
    });
    row.addEventListener("dragend", () => {
      row.classList.remove("dragging");
      row.draggable = false;
      dragged = null;
      document.querySelectorAll("tr.drop-target").forEach((r) => r.classList.remove("drop-target"));
    });
    row.addEventListener("dragover", (event) => {
      if (!dragged || dragged === row || dragged.parentElement !== row.parentElement) return;
      event.preventDefault();
      row.classList.add("drop-target");
    });
    row.addEventListener("dragleave", () => row.classList.remove("drop-target"));
    row.addEventListener("drop", (event) => {
      if (!dragged || dragged.parentElement !== row.parentElement) return;
      event.preventDefault();
      row.classList.remove("drop-target");
      const tbody = row.parentElement;
      const rows = rowsOf(tbody);
      const before = rows.indexOf(dragged) > rows.indexOf(row) ? row : row.nextSibling;
      tbody.insertBefore(dragged, before);
      renumber(tbody);
      announce(tbody, `${rowName(dragged)} moved to place ${rowsOf(tbody).indexOf(dragged) + 1}.`);
    });
  }

  function start() {
    for (const selector of GROUPS) {
      const group = document.querySelector(selector);
      if (!group) continue;
      group.querySelectorAll("tbody tr.form-row").forEach(equip);
      const form = group.closest("form");
      if (form) {
        form.addEventListener("submit", () => {
          const tbody = group.querySelector("tbody");
          if (tbody) renumber(tbody);
        });
      }
    }
  }

  document.addEventListener("formset:added", (event) => {
    const row = event.target;
    if (row && row.closest && GROUPS.some((s) => row.closest(s))) equip(row);
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
