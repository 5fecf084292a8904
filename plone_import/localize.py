"""wagtail-localize's records for many imported pages at once: a translation source for each
default-language page and a disabled translation record for each of its translations.

wagtail-localize's own `TranslationSource.get_or_create_from_instance` writes a source one
row at a time (a get-or-create per string, context and segment: some 90 queries and 50 ms a
page). Here the same rows are extracted with wagtail-localize's own `extract_segments` and
written with one insert per table for a whole batch of pages. Only sources that do not exist
yet are written; an existing source is left as it is, as `get_or_create_from_instance` does.
"""

import json
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegment,
    Template,
    TemplateSegment,
    TranslatableObject,
    Translation,
    TranslationContext,
    TranslationSource,
    get_schema_version,
)

from pages.upstream import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    TemplateSegmentValue,
    extract_segments,
    string_data_hash,
    translation_context_path_id,
)


def create_translation_sources(pairs):
    """`pairs`: (source page, [locale ids of its translations]) with the source pages
    specific and their child relations prefetched. Returns the number of sources created."""
    if not pairs:
        return 0
    page_content_type = ContentType.objects.get_for_model(pairs[0][0].get_translation_model())
    keys = [page.translation_key for page, _ in pairs]
    TranslatableObject.objects.bulk_create(
        [TranslatableObject(translation_key=key, content_type=page_content_type) for key in keys],
        ignore_conflicts=True,
    )
    existing = {
        (object_id, locale_id): pk
        for pk, object_id, locale_id in TranslationSource.objects.filter(
            object_id__in=keys
        ).values_list("pk", "object_id", "locale_id")
    }
    new = [(page, targets) for page, targets in pairs if source_key(page) not in existing]
    # Serialised before the segments are extracted, as wagtail-localize does: reading a
    # body's blocks changes the order of the keys its JSON is written with.
    contents = [page.to_json() for page, _ in new]
    extracted = [(page, extract_segments(page)) for page, _ in new]
    now = timezone.now()
    schema_versions = {}
    sources = TranslationSource.objects.bulk_create(
        [
            TranslationSource(
                object_id=page.translation_key,
                specific_content_type=ContentType.objects.get_for_model(type(page)),
                locale_id=page.locale_id,
                object_repr=str(page)[:200],
                content_json=content_json,
                schema_version=schema_version(page, schema_versions),
                last_updated_at=now,
            )
            for (page, _), content_json in zip(new, contents, strict=True)
        ]
    )
    for source, (page, _) in zip(sources, new, strict=True):
        existing[source_key(page)] = source.pk
    write_segments(sources, extracted)
    Translation.objects.bulk_create(
        [
            Translation(
                source_id=existing[source_key(page)], target_locale_id=locale_id, enabled=False
            )
            for page, targets in pairs
            for locale_id in targets
        ],
        ignore_conflicts=True,
    )
    return len(sources)


def source_key(page):
    return (page.translation_key, page.locale_id)


def schema_version(page, known):
    app_label = page._meta.app_label
    if app_label not in known:
        known[app_label] = get_schema_version(app_label)
    return known[app_label]


def write_segments(sources, extracted):
    """The strings, templates, contexts and segments of new sources, one insert per table."""
    rows = []  # (source, page, segment value, context)
    for source, (page, segments) in zip(sources, extracted, strict=True):
        for value in segments:
            rows.append((source, page, value, context_for(source, page, value.path)))
    if not rows:
        return
    contexts = ids_after_insert(
        TranslationContext,
        [context for _, _, _, context in rows],
        ("object_id", "path_id"),
    )
    strings = ids_after_insert(
        String,
        [
            String(
                locale_id=source.locale_id,
                data=value.string.data,
                data_hash=string_data_hash(value.string.data),
            )
            for source, _, value, _ in rows
            if is_string(value)
        ],
        ("locale_id", "data_hash"),
    )
    templates = ids_after_insert(
        Template,
        [template_for(value) for _, _, value, _ in rows if isinstance(value, TemplateSegmentValue)],
        ("uuid",),
    )
    related_objects = [
        TranslatableObject(translation_key=value.translation_key, content_type=value.content_type)
        for _, _, value, _ in rows
        if isinstance(value, RelatedObjectSegmentValue)
    ]
    TranslatableObject.objects.bulk_create(related_objects, ignore_conflicts=True)
    segments = {
        StringSegment: [],
        TemplateSegment: [],
        RelatedObjectSegment: [],
        OverridableSegment: [],
    }
    for source, _, value, context in rows:
        common = {
            "source_id": source.pk,
            "context_id": contexts[(context.object_id, context.path_id)],
            "order": value.order,
        }
        if isinstance(value, TemplateSegmentValue):
            template = template_for(value)
            segments[TemplateSegment].append(
                TemplateSegment(template_id=templates[(template.uuid,)], **common)
            )
        elif isinstance(value, RelatedObjectSegmentValue):
            segments[RelatedObjectSegment].append(
                RelatedObjectSegment(object_id=value.translation_key, **common)
            )
        elif isinstance(value, OverridableSegmentValue):
            segments[OverridableSegment].append(
                OverridableSegment(
                    data_json=json.dumps(value.data, cls=DjangoJSONEncoder), **common
                )
            )
        else:
            data_hash = string_data_hash(value.string.data)
            segments[StringSegment].append(
                StringSegment(
                    string_id=strings[(source.locale_id, data_hash)],
                    attrs=json.dumps(value.attrs, cls=DjangoJSONEncoder),
                    **common,
                )
            )
    for model, objects in segments.items():
        model.objects.bulk_create(objects)


def is_string(value):
    return not isinstance(
        value, TemplateSegmentValue | RelatedObjectSegmentValue | OverridableSegmentValue
    )


def context_for(source, page, path):
    """The context of a segment with its field path, which wagtail-localize computes from
    the page and saves one row at a time: computed here on an unsaved context, whose save is
    switched off, and inserted with the others."""
    context = TranslationContext(
        object_id=source.object_id, path=path, path_id=translation_context_path_id(path)
    )
    context.save = lambda **kwargs: None
    context.get_field_path(page)
    del context.save
    return context


def template_for(value):
    """The Template row of a template value, as `Template.from_value` would look it up."""
    namespace = uuid.uuid5(Template.BASE_UUID_NAMESPACE, value.format)
    return Template(
        uuid=uuid.uuid5(namespace, value.template),
        template=value.template,
        template_format=value.format,
        string_count=value.string_count,
    )


def ids_after_insert(model, objects, key_fields):
    """Inserts the rows that are not there yet (a unique key decides) and answers
    {key: primary key} for all of them."""
    unique = {}
    for instance in objects:
        unique.setdefault(tuple(getattr(instance, field) for field in key_fields), instance)
    model.objects.bulk_create(unique.values(), ignore_conflicts=True, batch_size=500)
    ids = {}
    keys = list(unique)
    for first in range(0, len(keys), 500):
        chunk = keys[first : first + 500]
        if len(key_fields) == 1:
            query = model.objects.filter(**{f"{key_fields[0]}__in": [key[0] for key in chunk]})
        else:
            # Two-field keys: the first field narrows the rows, the pairs are matched here.
            query = model.objects.filter(
                **{
                    f"{key_fields[0]}__in": {key[0] for key in chunk},
                    f"{key_fields[1]}__in": [key[1] for key in chunk],
                }
            )
        for row in query.values_list("pk", *key_fields):
            ids[tuple(row[1:])] = row[0]
    return ids
