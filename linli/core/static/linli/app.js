// Small behaviours of the console; everything works without them too.
document.addEventListener("change", (event) => {
  // A filter select submits its form (the list refreshes through htmx when available).
  if (event.target.matches("[data-autosubmit]")) {
    event.target.form.requestSubmit();
  }
});
