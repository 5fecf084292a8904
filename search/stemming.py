"""Words as the index stores them: diacritics folded, lower case, Snowball-stemmed in the
page's language, so that "parteneriatul", "parteneriatului" and "Parteneriate" all become
"partener", and "partnerships" becomes "partnership".

The same functions prepare the indexed text and the reader's query, on SQLite and on
PostgreSQL alike, so both databases match the same words.
"""

import re
import threading
import unicodedata

import Stemmer
from modelsearch.query import And, Or, Phrase, PlainText

from . import conf

WORD = re.compile(r"[^\W_]+")
PHRASE = re.compile(r'"([^"]*)"')
# PyStemmer's stemmers keep a cache and are not safe to share between threads.
_local = threading.local()


def fold(text):
    """Lower case without diacritics: ș, ş and s are one letter, as are ă, â and a."""
    decomposed = unicodedata.normalize("NFKD", str(text).lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text):
    return WORD.findall(fold(text))


def stemmer(language):
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if language not in stemmers:
        name = conf.SEARCH_STEMMERS.get(language)
        stemmers[language] = Stemmer.Stemmer(name) if name else None
    return stemmers[language]


def languages():
    return list(conf.SEARCH_STEMMERS)


def stems(text, language):
    """`text` as the list of its stemmed words in `language` (folded only if no stemmer)."""
    tokens = words(text)
    language_stemmer = stemmer(language)
    return language_stemmer.stemWords(tokens) if language_stemmer else tokens


def index_text(text, language_codes):
    """The text to store in the index for a page written in one of `language_codes`."""
    if len(language_codes) == 1:
        return " ".join(stems(text, language_codes[0]))
    # An object without a language (an image, a document) can be found in any language.
    return " ".join(dict.fromkeys(s for code in language_codes for s in stems(text, code)))


def _either(queries):
    queries = list(dict.fromkeys(queries))
    return queries[0] if len(queries) == 1 else Or(queries)


def parse(text):
    """`text` as (phrases, words): quoted phrases whole, every other word alone. Anything
    that is not a letter or a digit is dropped, so quotes left open, operators or control
    characters never reach the database as syntax."""
    text = str(text)
    phrases = [p for p in (" ".join(words(m)) for m in PHRASE.findall(text)) if p]
    loose = words(PHRASE.sub(" ", text))
    return phrases, loose


def build_query(text, language_codes):
    """The query for `text` in pages of `language_codes`, or None if it has no word.

    Every word must match (in any of the languages), and every quoted phrase as a phrase.
    """
    phrases, loose = parse(text)
    budget = conf.SEARCH_MAX_QUERY_WORDS
    parts = []
    for phrase in phrases:
        phrase_words = phrase.split()[:budget]
        budget -= len(phrase_words)
        if phrase_words:
            parts.append(
                _either(
                    Phrase(" ".join(stems(" ".join(phrase_words), code))) for code in language_codes
                )
            )
    for word in loose[: max(budget, 0)]:
        parts.append(_either(PlainText(stems(word, code)[0]) for code in language_codes))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


class _OneForOne(dict):
    """str.translate's table for fold_in_place, filled as characters are first seen."""

    def __missing__(self, code):
        folded = fold(chr(code))
        self[code] = folded if len(folded) == 1 else chr(code)
        return self[code]


_one_for_one = _OneForOne()


def fold_in_place(text):
    """`text` folded character for character, so positions in it are positions in `text`."""
    return str(text).translate(_one_for_one)


def matching_spans(text, query, language):
    """(start, end) of each word of `text` that a search for `query` matches."""
    query_stems = set(stems(query, language))
    if not query_stems:
        return []
    language_stemmer = stemmer(language)
    found = list(WORD.finditer(fold_in_place(text)))
    tokens = [m.group() for m in found]
    token_stems = language_stemmer.stemWords(tokens) if language_stemmer else tokens
    return [m.span() for m, s in zip(found, token_stems, strict=True) if s in query_stems]
