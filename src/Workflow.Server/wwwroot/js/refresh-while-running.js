// Reloads a page that shows work still running (an element with data-refresh="<seconds>"), so its progress moves without
// a click; the page's own link does the same where scripts are off. A separate file: the CSP allows no inline script.
(() => {
  const running = document.querySelector("[data-refresh]");
  if (!running) return;
  const seconds = Number(running.getAttribute("data-refresh")) || 1;
  setTimeout(() => window.location.reload(), seconds * 1000);
})();
