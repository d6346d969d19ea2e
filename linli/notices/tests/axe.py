"""axe-core (vendored here, MPL-2.0: axe/LICENSE) run on a Playwright page: the WCAG 2 A and AA
violations, as short lines a failing assertion can print."""

from pathlib import Path

SOURCE = (Path(__file__).parent / "axe" / "axe.min.js").read_text(encoding="utf-8")
# The module's own content (the <main> of the shell): the shell's menu is the console's to check.
RUN = """async () => (await axe.run({include: ['main']}, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}}))
  .violations.map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)"""


def violations(page) -> list[str]:
    # Evaluated through the devtools protocol, so the pages' CSP (no inline scripts) does not block it.
    page.evaluate(f"() => {{ {SOURCE}\n}}")
    return page.evaluate(RUN)
