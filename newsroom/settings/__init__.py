"""Settings: base.py holds what every environment shares; dev, test and production add to it.

DJANGO_SETTINGS_MODULE picks one: manage.py defaults to dev, pytest to test, wsgi/asgi to
production.
"""
