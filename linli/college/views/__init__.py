"""The college's pages (社区学院): courses and sessions (courses.py), the lecturer pool and the
resource pool (pool.py), roll-call and certificates (roll.py), the year's figures (figures.py)."""
