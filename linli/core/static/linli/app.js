// Small behaviours of the console; everything works without them too.
document.addEventListener("change", (event) => {
  // A filter select submits its form (the list refreshes through htmx when available).
  if (event.target.matches("[data-autosubmit]")) {
    event.target.form.requestSubmit();
  }
});

document.addEventListener("submit", (event) => {
  // An export form sends the filters its list shows now (they change without a page load).
  const form = event.target;
  const source = form.dataset.copyFilters && document.getElementById(form.dataset.copyFilters);
  if (!source) return;
  form.querySelectorAll("input[data-copied]").forEach((input) => input.remove());
  for (const [name, value] of new FormData(source)) {
    if (name === "csrfmiddlewaretoken" || name === "page") continue;
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    input.dataset.copied = "";
    form.appendChild(input);
  }
});
