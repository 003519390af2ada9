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


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: nothing cached by one test (Wagtail's site
    root paths, rate-limit counters) may leak into the next."""
    from django.conf import settings

    if not settings.configured:  # a database-free run with -p no:django
        yield
        return
    _clear_cache()
    yield
    _clear_cache()


def _clear_cache() -> None:
    from django.core.cache import cache

    from courses.lib.locales import locales_forget

    locales_forget()  # a rolled-back test leaves no saved-locale signal behind

    prefix = cache.key_prefix
    if "redis" in type(cache._cache).__module__ and prefix:
        client = cache._cache.get_client(None, write=True)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()
