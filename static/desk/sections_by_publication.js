// The story form offers the sections of the publication chosen as the story's home: the
// others are hidden, and a section of another publication is cleared when the home changes.
// (The server checks the same rule; this only keeps the choice short.)
"use strict";
{
  function follow(publication, section) {
    const home = publication.value;
    Array.from(section.options).forEach((option) => {
      const owner = option.dataset.publication;
      const other = Boolean(owner) && owner !== home;
      option.hidden = other;
      option.disabled = other;
      if (other && option.selected) section.value = "";
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const publication = document.getElementById("id_publication");
    const section = document.getElementById("id_section");
    if (!publication || !section) return;
    follow(publication, section);
    publication.addEventListener("change", () => follow(publication, section));
  });
}
