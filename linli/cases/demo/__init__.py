"""cases' demo seed: a year of believable cases for each demo community and the stories of the seed
articles (see year.py and stories.py). The meetings and their follow-up cases are deliberation's
seed (linli/deliberation/demo.py), which runs after this one."""

from linli.cases.demo.texts import CATEGORIES, case_text, categories_for
from linli.cases.demo.year import seed

__all__ = ["CATEGORIES", "case_text", "categories_for", "seed"]
