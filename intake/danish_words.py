"""Danish word forms for the guide: Snowball stems and compound parts. No ORM, no settings.

The rule:
- Text is folded before it is compared: lower case, accents dropped ("café" → "cafe"),
  but æ, ø and å are kept, being letters of their own in Danish ("får" is not "far").
- A word's stem is the Danish Snowball stemmer's (PyPI ``snowballstemmer``): "koncerter" →
  "koncert", "døren" → "dør"; its endings also take English plurals ("concerts" → "concert").
- A compound is cut where the Danish hunspell dictionary (Stavekontrolden, Debian package
  ``hunspell-da``) allows it: every part but the last is a word flagged to begin or continue
  a compound, with its linking letter (flag 29: -s-, 30: -e-, 31: none), and the last part is
  a word flagged to end one (39), inflected as the stemmer allows: "butiksdøren" is
  butik·s·døren, "facadeskiltet" facade·skiltet. The cut with the fewest parts wins, then the
  one with the longest last part. First parts have 2+ letters, the last 3+.
- A word the dictionary holds as a whole is cut only when its last part has 5+ letters:
  "tagterrasse" is tag·terrasse, but "servering" is not serve·ring.
- A compound's parts are the spans between its cuts, without the linking letter at a span's
  end: "udeserveringstilladelse" → ude, servering, tilladelse, udeservering,
  serveringstilladelse.
- Without the dictionary file (the package not installed) no word has parts; stems still work.
"""

import threading
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import snowballstemmer

DICTIONARY_PATH = Path("/usr/share/hunspell/da_DK.dic")
MIN_HEAD = 2
MIN_LAST = 3
MIN_LAST_OF_KNOWN_WORD = 5
MIN_PART = 3  # shorter spans ("is", "ud") say too little to match on
MAX_WORD = 40
# The dictionary's flags (see da_DK.aff: "Sammensætning").
_BEGIN_WITH_S, _BEGIN_WITH_E, _BEGIN_PLAIN, _END = "29", "30", "31", "39"
_STEM_LOOKUPS = 300


def fold(text: str) -> str:
    """Lower case without accents, keeping æ, ø and å."""
    text = text.lower()
    if text.isascii():
        return text
    # æ and ø do not decompose; å does (a + ring), so it is put together again.
    decomposed = unicodedata.normalize("NFKD", text).replace("a\u030a", "å")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_stemmer = snowballstemmer.stemmer("danish")
_stemmer_lock = threading.Lock()  # a Snowball stemmer keeps its state on the object


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Danish Snowball stem of a folded word."""
    with _stemmer_lock:
        return _stemmer.stemWord(word)


@dataclass
class Dictionary:
    """The words of a hunspell dictionary by the role they may take in a compound."""

    begin_plain: set[str] = field(default_factory=set)
    begin_s: set[str] = field(default_factory=set)
    begin_e: set[str] = field(default_factory=set)
    end: list[str] = field(default_factory=list)  # sorted, for looking up by stem
    end_set: set[str] = field(default_factory=set)
    known: set[str] = field(default_factory=set)

    @classmethod
    def from_lines(cls, lines) -> "Dictionary":
        """Read ``word/flag,flag`` lines (numeric flags, as da_DK.dic has them); proper
        nouns and entries with hyphens, dots or digits are left out."""
        dictionary = cls()
        end = set()
        for line in lines:
            word, _slash, flags = line.strip().partition("/")
            if not word or not word.isalpha() or not word.islower():
                continue
            word = fold(word)
            dictionary.known.add(word)
            flag_set = set(flags.split(","))
            if _BEGIN_PLAIN in flag_set:
                dictionary.begin_plain.add(word)
            if _BEGIN_WITH_S in flag_set:
                dictionary.begin_s.add(word)
            if _BEGIN_WITH_E in flag_set:
                dictionary.begin_e.add(word)
            if _END in flag_set:
                end.add(word)
        dictionary.end = sorted(end)
        dictionary.end_set = end
        return dictionary

    def __bool__(self) -> bool:
        return bool(self.known)


_loaded: dict[str, Dictionary] = {}
_load_lock = threading.Lock()


def dictionary() -> Dictionary:
    """The installed dictionary, read once; empty when the file is not there."""
    with _load_lock:
        if "default" not in _loaded:
            try:
                with open(DICTIONARY_PATH, encoding="utf-8") as handle:
                    next(handle, None)  # the first line counts the entries
                    _loaded["default"] = Dictionary.from_lines(handle)
            except OSError:
                _loaded["default"] = Dictionary()
        return _loaded["default"]


def use_dictionary(words: Dictionary | None) -> None:
    """Replace the dictionary (tests); None reads the installed one again."""
    with _load_lock:
        _loaded.pop("default", None)
        if words is not None:
            _loaded["default"] = words
    parts.cache_clear()


def _ends_compound(words: Dictionary, tail: str) -> bool:
    if len(tail) < MIN_LAST:
        return False
    if tail in words.end_set:
        return True
    # An inflected last part ("døren"): some word that may end a compound has its stem.
    # The Danish stemmer only cuts endings, so that word starts with the stem.
    root = stem(tail)
    start = bisect_left(words.end, root)
    for word in words.end[start : start + _STEM_LOOKUPS]:
        if not word.startswith(root):
            break
        if stem(word) == root:
            return True
    return False


def _head(words: Dictionary, text: str) -> int | None:
    """How many letters of a first part are the word (the rest links), or None."""
    if len(text) < MIN_HEAD:
        return None
    if text in words.begin_plain:
        return len(text)
    if text[-1] == "s" and text[:-1] in words.begin_s:
        return len(text) - 1
    if text[-1] == "e" and text[:-1] in words.begin_e:
        return len(text) - 1
    return None


Segment = tuple[int, int, int]  # start, end of the word, end with its linking letter


def segments(word: str, words: Dictionary | None = None) -> list[Segment]:
    """The cuts of a folded compound (see the module rule); [] when it is not one."""
    words = dictionary() if words is None else words
    if not words or len(word) > MAX_WORD or not word.isalpha():
        return []
    memo: dict[int, list[Segment] | None] = {}

    def rest(start: int) -> list[Segment] | None:
        if start not in memo:
            options = []
            if _ends_compound(words, word[start:]):
                options.append([(start, len(word), len(word))])
            options.extend(heads(start))
            memo[start] = min(options, key=_preference) if options else None
        return memo[start]

    def heads(start: int) -> list[list[Segment]]:
        options = []
        for end in range(start + MIN_HEAD, len(word) - MIN_LAST + 1):
            base = _head(words, word[start:end])
            if base is not None and (tail := rest(end)):
                options.append([(start, start + base, end), *tail])
        return options

    options = heads(0)
    if not options:
        return []
    best = min(options, key=_preference)
    last_start = best[-1][0]
    if word in words.known and len(word) - last_start < MIN_LAST_OF_KNOWN_WORD:
        return []
    return best


def _preference(option: list[Segment]):
    return (len(option), -(option[-1][2] - option[-1][0]))


@lru_cache(maxsize=50_000)
def parts(word: str) -> tuple[str, ...]:
    """The parts of a folded word (see the module rule), longest first; () for no compound."""
    cuts = segments(word)
    spans = set()
    for first in range(len(cuts)):
        for last in range(first, len(cuts)):
            if first == 0 and last == len(cuts) - 1:
                continue  # the whole word
            span = word[cuts[first][0] : cuts[last][1]]
            if len(span) >= MIN_PART:
                spans.add(span)
    return tuple(sorted(spans, key=lambda s: (-len(s), s)))
