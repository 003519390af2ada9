import pytest


@pytest.fixture
def demo_site(db):
    """The demo home page in en/ru/pl as the default site root."""
    from training.demo.site import load_site

    return load_site()


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English; a request in another language must not leak."""
    from django.conf import settings

    if not settings.configured:  # a database-free run with -p no:django
        yield
        return
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
