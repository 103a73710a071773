import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

application = get_wsgi_application()

# Young-generation collections every 10,000 net allocations instead of 700, and the loaded application (its modules,
# URL patterns, models: some 230,000 objects that live as long as the process) kept out of every collection: a page
# of 50 API items used to spend more time in full collections over those objects than in its own work
# (docs/performance.md, "Pages at scale, second round").
GC_THRESHOLDS = (10_000, 20, 20)


def _settle_garbage_collector() -> None:
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (loads every URL module, so their objects are frozen too)
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


_settle_garbage_collector()
