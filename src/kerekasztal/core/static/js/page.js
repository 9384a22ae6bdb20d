// Behaviour every page shares (no inline scripts: CSP).

// The forum menu and the workspace sidebar are <details> elements: on a phone they stay
// closed behind their "Menü" button (which works without JavaScript); on a wide screen this
// opens them, for browsers whose CSS cannot show a closed <details>' content.
(() => {
  const wide = window.matchMedia("(min-width: 50.01rem)");
  const apply = () => {
    for (const menu of document.querySelectorAll("details.menu")) {
      if (wide.matches) menu.setAttribute("open", "");
      else if (!menu.dataset.touched) menu.removeAttribute("open");
    }
  };
  document.addEventListener("DOMContentLoaded", () => {
    for (const menu of document.querySelectorAll("details.menu > summary")) {
      menu.addEventListener("click", () => { menu.parentElement.dataset.touched = "1"; });
    }
    apply();
  });
  wide.addEventListener("change", apply);
})();

// After a failed submit, focus moves to the error summary, so keyboard and screen-reader
// users hear what went wrong and can follow its links to the fields.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".error-summary[tabindex]");
  if (summary) summary.focus();
});
