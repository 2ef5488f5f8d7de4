"""gunicorn settings for `make serve` (``gunicorn --config gunicorn.conf.py app:server``): the package's
own, which ``rcpdash serve`` uses too (rcpdash/gunicorn_conf.py, documented there and in docs/deploy.md)."""

from rcpdash.gunicorn_conf import *  # noqa: F403
