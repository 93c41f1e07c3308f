"""Input hygiene: text pasted from legacy Vietnamese encodings, oversized files
and media files whose content is not what their extension says.

Each check returns a bilingual message (or None); the readers and the field
validators record it with the file, the line and the field.
"""

from __future__ import annotations

import re
import string
import unicodedata
from functools import lru_cache
from pathlib import Path

MB = 1024 * 1024
MARKDOWN_MAX_MB = 1
DEFAULT_MAX_FILE_MB = 10

# -- text pasted from TCVN3 (ABC) or VNI ---------------------------------------
# An old Word document typed in a .VnTime (TCVN3) or VNI-Times (VNI) font keeps
# its legacy bytes as Windows-1252 characters: pasted, "Chuyển đổi số" becomes
# "ChuyÓn ®æi sè" (TCVN3) or "Chuyeån ñoåi soá" (VNI).

_TCVN3_CODES = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢§£¤¥¦"
_TCVN3 = str.maketrans(
    _TCVN3_CODES,
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ")

# VNI: a vowel followed by a mark character, or a single letter character.
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HAT = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_LETTERS = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
                "î": "ỵ"}


def _vni_table() -> dict[str, str]:
    """Every VNI sequence (lower and upper case) and the Unicode letter it stands for."""
    table = dict(_VNI_LETTERS)
    for vowel in "aeiouyôö":
        table.update({vowel + mark: _VNI_LETTERS.get(vowel, vowel) + tone
                      for mark, tone in _VNI_TONES.items()})
    for vowel in "aeo":
        table.update({vowel + mark: vowel + "\u0302" + tone for mark, tone in _VNI_HAT.items()})
    table.update({"a" + mark: "a\u0306" + tone for mark, tone in _VNI_BREVE.items()})
    table = {code: unicodedata.normalize("NFC", letter) for code, letter in table.items()}
    return table | {code.upper(): letter.upper() for code, letter in table.items()}


_VNI = _vni_table()
_VNI_CODE = re.compile("|".join(sorted(map(re.escape, _VNI), key=len, reverse=True)))
_LEGACY_CHAR = re.compile("[" + re.escape("".join(sorted(
    set(_TCVN3_CODES + "".join(_VNI)) - set(string.ascii_letters)))) + "]")
# A word: letters, and the legacy codes that are symbols (®, «, ¸, soft hyphen…).
_WORD = re.compile(r"(?:[^\W\d_]|" + _LEGACY_CHAR.pattern + ")+")
_ASCII_LETTER = re.compile("[A-Za-z]")

# A Vietnamese syllable without its tone mark: onset, vowels, final consonant.
# Some vowels need a final consonant (ăn, tiên); vowel groups that end in a
# glide (ai, ao, ươi…) take none.
_SYLLABLE = re.compile(
    "(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
    "(?:(?P<open>(?:uyê|iê|yê|uô|ươ|oă|uâ|oo|ôô|[ăâ])(?=.)|oa|oe|uê|uy|[aeêioôơuưy])"
    "(?P<final>ch|nh|ng|[cmnpt])?"
    "|(?P<closed>iêu|yêu|oai|oao|oay|oeo|uây|uôi|uya|uyu|ươi|ươu"
    "|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|uơ|ui|ưa|ưi|ưu))")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_STOP_TONES = {"\u0301", "\u0323"}  # the only tones before a final c, ch, p or t


def _split_tones(word: str) -> tuple[str, list[tuple[int, str]]]:
    """``word`` without tone marks, and each tone mark with the index of its letter."""
    letters, tones = [], []
    for index, char in enumerate(word):
        parts = unicodedata.normalize("NFD", char)
        tones += [(index, part) for part in parts if part in _TONES]
        letters.append(unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES)))
    return "".join(letters), tones


def _tone_places(vowels: str, closed: bool, final: bool) -> set[int]:
    """Where the tone mark may go on ``vowels``: the last of ă â ê ô ơ ư (người),
    else the vowel before a glide (ngoài), else the last one (hoàn); both hòa
    and hoà are accepted."""
    shaped = [i for i, vowel in enumerate(vowels) if vowel in "ăâêôơư"]
    if shaped:
        return {shaped[-1]}
    if closed:
        return {len(vowels) - 2}
    if len(vowels) == 2 and not final:
        return {0, 1}
    return {len(vowels) - 1}


def is_syllable(word: str) -> bool:
    """Whether lower-case ``word`` is spelled like one Vietnamese syllable, its
    tone mark on the right vowel and fitting the final consonant."""
    base, tones = _split_tones(word)
    match = _SYLLABLE.fullmatch(base)
    if match is None or len(tones) > 1:
        return False
    if match["final"] in ("c", "ch", "p", "t") and not (tones and tones[0][1] in _STOP_TONES):
        return False
    if not tones:
        return True
    group = "open" if match["open"] else "closed"
    place = tones[0][0] - match.start(group)
    return place in _tone_places(match[group], group == "closed", match["final"] is not None)


_DECODERS = (("TCVN3 (ABC)", lambda word: word.translate(_TCVN3)),
             ("VNI", lambda word: _VNI_CODE.sub(lambda code: _VNI[code[0]], word)))


@lru_cache(maxsize=65536)
def legacy_readings(word: str) -> tuple[tuple[str, str], ...]:
    """Each ``(encoding, Unicode text)`` in which ``word`` reads as a Vietnamese
    syllable although it does not as written; none for real Vietnamese or English.

    Words under three characters or without an ASCII letter (µm, ×, Ø) are not
    judged: too little evidence.
    """
    if len(word) < 3 or not _ASCII_LETTER.search(word):
        return ()
    plain_case = word.islower() or word.isupper() or word.istitle()
    if plain_case and is_syllable(word.casefold()):
        return ()
    return tuple((encoding, reading) for encoding, decode in _DECODERS
                 if (reading := decode(word)) != word and is_syllable(reading.casefold()))


_CLEAN_TOKENS: set[str] = set()   # tokens already found to have no legacy reading
_CLEAN_TOKENS_MAX = 500_000


def legacy_encoding(text: str) -> tuple[int, str] | None:
    """``(line, message)`` naming the first word of ``text`` pasted from TCVN3 or VNI.

    The encoding read in the most words wins; it takes two: one foreign word
    alone (laïc, sät) may read as Vietnamese.
    """
    if text.isascii():
        return None
    # Fast path: each distinct space-separated token is judged once per
    # process; clean text (nearly all of it) never reaches the ordered scan.
    tokens = set(text.split()) - _CLEAN_TOKENS
    if not any(legacy_readings(word) for token in tokens for word in _WORD.findall(token)):
        if len(_CLEAN_TOKENS) < _CLEAN_TOKENS_MAX:
            _CLEAN_TOKENS.update(tokens)
        return None
    words: dict[str, list[tuple[re.Match, str]]] = {name: [] for name, _ in _DECODERS}
    for match in _WORD.finditer(text):
        if _LEGACY_CHAR.search(match[0]):
            for encoding, reading in legacy_readings(match[0]):
                words[encoding].append((match, reading))
    encoding = max(words, key=lambda name: len(words[name]))
    if len(words[encoding]) < 2:
        return None
    return _legacy_problem(text, encoding, *words[encoding][0])


def _legacy_problem(text: str, encoding: str, match: re.Match, reading: str) -> tuple[int, str]:
    word, line = match[0], text.count("\n", 0, match.start()) + 1
    return line, (
        f"chữ '{word}' có vẻ dán từ bảng mã cũ {encoding} (đọc là '{reading}'): hãy chuyển mã "
        f"sang Unicode dựng sẵn, ví dụ bằng Unikey → Công cụ chuyển mã / the word '{word}' looks "
        f"pasted from the legacy {encoding} encoding (meaning '{reading}'): convert the text to "
        f"Unicode (dựng sẵn), e.g. with Unikey's converter (chuyển mã)")


# -- file sizes ----------------------------------------------------------------

def _oversized(path: Path, name: str, limit_mb: int, advice: tuple[str, str]) -> str | None:
    """A message when ``path`` (written ``name``) is over ``limit_mb``; ``advice`` in vi, en."""
    size = path.stat().st_size
    if size <= limit_mb * MB:
        return None
    shown = f"{size / MB:.1f}"
    return (f"tệp '{name}' nặng {shown.replace('.', ',')} MB, quá giới hạn {limit_mb} MB: "
            f"{advice[0]} / '{name}' is {shown} MB, over the {limit_mb} MB limit: {advice[1]}")


def media_problems(path: Path, name: str, limit_mb: int) -> list[str]:
    """What is wrong with the existing media file ``path`` (written ``name``): over
    ``limit_mb``, or not what its extension says; empty when nothing is."""
    return [message for message in (oversized_media(path, name, limit_mb),
                                     wrong_format(path, name)) if message]


def oversized_markdown(path: Path) -> str | None:
    """A message when the Markdown file ``path`` is over 1 MB."""
    return _oversized(path, path.name, MARKDOWN_MAX_MB,
                      ("hãy chia thành nhiều bài", "split it into several items"))


def oversized_media(path: Path, name: str, limit_mb: int) -> str | None:
    """A message when the media file ``path`` (written ``name``) is over ``limit_mb``."""
    return _oversized(path, name, limit_mb,
                      ("hãy nén hoặc thu nhỏ tệp, hoặc nâng max_file_mb",
                       "compress or shrink it, or raise max_file_mb"))


# -- file formats --------------------------------------------------------------

FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF", ".webp": "WebP",
           ".avif": "AVIF", ".svg": "SVG", ".mp4": "MP4", ".m4a": "MP4", ".webm": "WebM",
           ".mp3": "MP3", ".ogg": "Ogg", ".opus": "Ogg"}
_SVG = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?"
                  rb"(?:<!--.*?-->\s*|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>\s*)*<svg[\s>]", re.S)


def sniff(head: bytes) -> str | None:
    """The format that the first bytes of a file show (a name of ``FORMATS``), or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG"):
        return "PNG"
    if head.startswith(b"GIF8"):
        return "GIF"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:8] == b"ftyp":
        return "AVIF" if head[8:12] in (b"avif", b"avis") else "MP4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "WebM"
    if head.startswith(b"OggS"):
        return "Ogg"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] >= 0xE0):
        return "MP3"  # an ID3 tag or an MPEG audio frame (11 sync bits)
    if _SVG.match(head):
        return "SVG"
    return None


def _a(name: str) -> str:
    """``name`` with its English article: an AVIF, an MP3, a JPEG."""
    return ("an " if name[0] in "AMOS" else "a ") + name


def wrong_format(path: Path, name: str) -> str | None:
    """A message when the content of ``path`` (written ``name``) is not what its extension says."""
    expected = FORMATS.get(path.suffix.lower())
    if expected is None:  # no known signature: not checked
        return None
    with path.open("rb") as handle:
        found = sniff(handle.read(4096))
    if found == expected:
        return None
    if found is None:
        return (f"tệp '{name}' không phải {expected} (không nhận ra nội dung) / "
                f"'{name}' is not {_a(expected)} (unrecognised content)")
    return (f"tệp '{name}' là {found}, không phải {expected} / "
            f"'{name}' is {_a(found)}, not {_a(expected)}")
