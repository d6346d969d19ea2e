// The group log: picking a team ticks its members at once and lists them first (without a script,
// the 勾选本队队员 button asks the server for the same). The previous team's members go back to the
// others, unticked; boxes ticked by hand stay ticked. A leader's page lists only his team's
// members, so changing his team asks the server for the other team's list.
(() => {
  const select = document.querySelector("select[data-tick-team]");
  const pick = document.querySelector("button[data-pick-team]");
  const members = document.querySelector("[data-members-grid]");
  const others = document.querySelector("[data-others-grid]");
  if (!select || !pick || !members) return;
  if (!others) {
    select.addEventListener("change", () => select.form.requestSubmit(pick));
    return;
  }
  pick.hidden = true;
  const inTeam = (box, team) => Boolean(team) && box.dataset.teams.split(" ").includes(team);
  const byName = (a, b) => a.dataset.name.localeCompare(b.dataset.name, "zh-CN");
  const place = (grid, rows) => rows.sort(byName).forEach((row) => grid.appendChild(row));
  let previous = select.value;
  select.addEventListener("change", () => {
    const team = select.value;
    const rows = [...document.querySelectorAll("[data-name]")].filter((row) => row.querySelector("[data-teams]"));
    const into = [];
    const back = [];
    rows.forEach((row) => {
      const box = row.querySelector("[data-teams]");
      if (inTeam(box, previous) && !inTeam(box, team)) {
        box.checked = false;
        back.push(row);
      }
      if (inTeam(box, team)) {
        box.checked = true;
        into.push(row);
      }
    });
    place(members, into);
    place(others, [...back, ...others.querySelectorAll("[data-name]")]);
    document.querySelector("[data-members-block]").hidden = into.length === 0;
    document.querySelector("[data-members-count]").textContent = into.length;
    const rest = document.querySelector("[data-others-count]");
    if (rest) rest.textContent = others.querySelectorAll("[data-name]").length;
    previous = team;
  });
})();
