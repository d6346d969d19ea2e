"""activities' declaration."""

from django.utils.translation import gettext_lazy as _

from linli.core import modules

MODULE = modules.register(modules.Module(label="activities", verbose_name=_("社区活动")))
