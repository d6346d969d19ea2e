"""axe-core (vendored here, MPL-2.0: axe/LICENSE; the only copy in the project) run on a Playwright
page: the WCAG 2 A and AA violations of the whole page — the shell's header and menu included — as
short lines a failing assertion can print.

    from linli.core.tests.axe import violations
    assert violations(page) == []
"""

from pathlib import Path

SOURCE = (Path(__file__).parent / "axe" / "axe.min.js").read_text(encoding="utf-8")
RUN = """async (exclude) => (await axe.run(exclude.length ? {exclude: exclude} : document,
    {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}}))
  .violations.map(v => `${v.id} (${v.impact}): ` + v.nodes.slice(0, 3)
    .map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').split('\\n').slice(1, 2).join('')).join(' | '))"""


def violations(page, *, exclude: tuple[str, ...] = ()) -> list[str]:
    """exclude: CSS selectors left out, each with the reason at the call site (a third-party widget)."""
    # Colours are measured at rest: a button caught mid-transition (Bootstrap fades them over .15 s)
    # would be judged on a blend of its two states. Bootstrap drops transitions for reduced motion.
    page.emulate_media(reduced_motion="reduce")
    # Evaluated through the devtools protocol, so the pages' CSP (no inline scripts) does not block it.
    page.evaluate(f"() => {{ {SOURCE}\n}}")
    return page.evaluate(RUN, [[selector] for selector in exclude])
