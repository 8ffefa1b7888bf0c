// Wide tables scroll sideways in their own box (Material's wrapper, or our kb- tables themselves).
// A keyboard user must be able to reach such a box to scroll it (WCAG 2.1.1), so a box that
// overflows takes focus; Material's wrapper is then also named, as a region. Checked again when
// the window changes size, since zooming makes a table overflow.
function kbSet(element, name, value) {
  if (value === null) element.removeAttribute(name); else element.setAttribute(name, value);
}
function kbScrollBoxes() {
  document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset table[class^='kb-']").forEach(function (box) {
    var scrolls = box.scrollWidth > box.clientWidth;
    var caption = box.querySelector("caption");
    kbSet(box, "tabindex", scrolls ? "0" : null);
    if (box.tagName !== "TABLE") {  // a table keeps its own role, and its caption names it
      kbSet(box, "role", scrolls ? "region" : null);
      kbSet(box, "aria-label", scrolls ? (caption ? caption.textContent.trim() : "Tabell") : null);
    }
  });
}
document$.subscribe(kbScrollBoxes);
window.addEventListener("resize", kbScrollBoxes);
