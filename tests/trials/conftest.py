"""Trials: builds killed at random moments, every bad input, load, a clean install, the benchmark smoke.

Every test here is marked ``slow`` (the row ``trials/`` of tests/slow.csv):
``pytest -m "not slow"`` leaves them out, ``pytest`` (and ``bash scripts/test.sh``)
runs them.  Put a new trial here when it runs processes for seconds each; a quick
check belongs in another folder.
"""
