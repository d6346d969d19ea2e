"""A toy module, as a newcomer would add one: this folder, one line in INSTALLED_APPS and one URL
include (test_toy_module.py adds those two in the test's settings). Nothing else in linli names it."""
