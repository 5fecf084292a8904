"""Search and reference indexes updated once per imported object, at the end of the
import, instead of on each of the three or four saves that creating a page takes."""

from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.backends import get_search_backends
from wagtail.models import ReferenceIndex

from pages.upstream import (
    disable_reference_index_auto_update,
    get_all_child_m2m_relations,
    get_all_child_relations,
    post_save_signal_handler,
)

CHUNK = 500


@contextmanager
def indexes_deferred():
    """Saves during the block update neither the search index nor the reference index."""
    disconnected = [
        model
        for model in index.get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def update_indexes(objects_by_model, progress=None):
    """Index what the import saved: {model: set of primary keys}."""
    for model, keys in objects_by_model.items():
        keys = sorted(keys)
        for start in range(0, len(keys), CHUNK):
            with transaction.atomic():
                index_chunk(model, keys[start : start + CHUNK])
            if progress:
                done = min(start + CHUNK, len(keys))
                progress(f"indexes of {model._meta.verbose_name_plural}: {done}/{len(keys)}")


def index_chunk(model, keys):
    # The references are read from each object's child relations: fetched for the whole
    # chunk at once rather than object by object.
    related = child_relations(model)
    for instance in model.objects.filter(pk__in=keys).prefetch_related(*related):
        ReferenceIndex.create_or_update_for_object(instance)
    if index.class_is_indexed(model):
        # In bulk: the SQLite backend re-weighs every title after each call.
        indexed = list(model.get_indexed_objects().filter(pk__in=keys))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, indexed)


def child_relations(model):
    """The names of a model's child relations and many-to-many clusters, to prefetch them."""
    related = [rel.get_accessor_name() for rel in get_all_child_relations(model)]
    return related + [field.name for field in get_all_child_m2m_relations(model)]
