// Names for the admin's unlabelled controls, which screen readers (and axe-core) need: the
// cells of tabular inlines (their label is the column header), the date and time halves of
// a date-time field, select2's pickers. Runs on load and for rows added later.
"use strict";
{
  function hasName(control) {
    if (control.getAttribute("aria-label") || control.getAttribute("aria-labelledby")) return true;
    if (control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`)) return true;
    return Boolean(control.closest("label"));
  }

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function columnName(control) {
    const cell = control.closest("td");
    const table = control.closest("table");
    if (!cell || !table) return "";
    const row = cell.parentElement;
    const index = Array.from(row.children).indexOf(cell);
    const header = table.querySelectorAll("thead tr th")[index];
    const rows = Array.from(table.querySelectorAll("tbody tr.form-row:not(.empty-form)"));
    const place = rows.indexOf(row) + 1;
    const column = text(header);
    return column ? `${column}${place ? `, row ${place}` : ""}` : "";
  }

  function rowLabel(control) {
    const row = control.closest(".form-row");
    const label = row && row.querySelector("label, legend");
    return text(label).replace(/:$/, "");
  }

  function nameFor(control) {
    const column = columnName(control);
    if (column) return column;
    const label = rowLabel(control);
    if (control.closest(".datetime")) {
      const part = control.name.endsWith("_1") ? "time" : "date";
      return `${label || "Date and time"}, ${part}`;
    }
    if (label) return label;
    return (control.name || "").replace(/[-_]+/g, " ").trim();
  }

  function label(root) {
    const controls = root.querySelectorAll(
      "input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea",
    );
    for (const control of controls) {
      if (!hasName(control)) {
        const name = nameFor(control);
        if (name) control.setAttribute("aria-label", name);
      }
    }
    // select2: the visible picker stands for its hidden select.
    for (const picker of root.querySelectorAll(".select2-selection[role=combobox]")) {
      if (picker.getAttribute("aria-label")) continue;
      const container = picker.closest(".select2-container");
      const select = container && container.previousElementSibling;
      if (select && select.tagName === "SELECT") {
        const byLabel = select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
        const name = select.getAttribute("aria-label") || text(byLabel).replace(/:$/, "");
        if (name) {
          // select2 names the picker by its rendered choice, empty until one is made.
          picker.removeAttribute("aria-labelledby");
          picker.setAttribute("aria-label", name);
          const rendered = picker.querySelector(".select2-selection__rendered[role=textbox]");
          if (rendered) rendered.setAttribute("aria-label", name);
        }
      }
    }
    // select2's inline search box (many-to-many pickers) is named after its field.
    for (const search of root.querySelectorAll(".select2-search__field")) {
      if (search.getAttribute("aria-label")) continue;
      const container = search.closest(".select2-container");
      const select = container && container.previousElementSibling;
      const byLabel =
        select && select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
      search.setAttribute("aria-label", `Search ${text(byLabel).replace(/:$/, "") || ""}`.trim());
    }
  }

  function run() {
    label(document);
  }

  window.addEventListener("load", () => {
    run();
    // select2 draws its pickers and search boxes again as choices change.
    let pending = false;
    new MutationObserver(() => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        run();
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
  document.addEventListener("formset:added", (event) => setTimeout(() => label(event.target), 0));
  document.addEventListener("focusin", (event) => {
    const search = event.target;
    if (search.matches && search.matches(".select2-search__field") && !search.getAttribute("aria-label")) {
      search.setAttribute("aria-label", "Search");
    }
  });
}
