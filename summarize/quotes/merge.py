"""Stage 6b: one pane entry per person or organisation.

After the speakers stage keys speakers by name, the same source may still stand under two
entries: "the Post" and "the Washington Post", "King" and "Claudette King", "the U.S.
Environmental Protection Agency" and "Environmental Protection Agency", "Campaign group
Amnesty International" and "Amnesty International", "a NASA scientist" and "NASA". Each
entry's *core* is its proper name without determiners, descriptors or a "U.S." prefix; an
entry whose core ends another entry's core (and no third entry's) joins it. The longest
proper name is shown, the descriptor becomes the role.
"""

from __future__ import annotations

import re
import unicodedata

from .._model import Speaker
from .lexicon import (
    HONORIFICS,
    ORG_HEADS,
    ORG_PLURALS,
    ORG_WORDS,
    PLACE_OFFICES,
    ROLE_MODIFIERS,
    ROLE_WORDS,
    SPEAKER_NOUNS,
)
from .name_index import WordIndex

_DETS = {"the", "a", "an"}
_LINKS = {"of", "for", "and", "&", "on", "the", "de", "al"}
_PREFIXES = {"U.S.", "US", "U.K.", "UK"}
_DEMONYM = re.compile(r"(?:an|ian|ish|ese|i|ic)$")


def _cap(w: str) -> bool:
    return w[:1].isupper() or w[:1].isdigit()


def core(name: str) -> tuple[list[str], str | None]:
    """(the proper name's words, the descriptor before or after it, if any).

    "Campaign group Amnesty International" -> (["Amnesty", "International"], "campaign group");
    "a NASA scientist" -> (["NASA"], "scientist"); "the Post" -> (["Post"], None).
    """
    words = name.split()
    while words and words[0].lower() in _DETS:
        words = words[1:]
    while words and words[0] in _PREFIXES and len(words) > 1:
        words = words[1:]
    if not words:
        return [], None
    if _cap(words[-1]):
        # the trailing run of capitalised words (links inside allowed)
        k = len(words) - 1
        while k > 0 and (_cap(words[k - 1]) or words[k - 1].lower() in _LINKS and k > 1):
            k -= 1
        while k < len(words) and words[k].lower() in _LINKS:
            k += 1
        run, desc = words[k:], words[:k]
        if len(desc) >= 2 and desc[-1].lower() == "of" and desc[-2].lower() in PLACE_OFFICES:
            return words, None  # "the mayor of Dayton": a person, not Dayton
        if (
            desc
            and all(not _cap(w) or i == 0 for i, w in enumerate(desc))
            and any(
                w.lower() in ORG_WORDS or w.lower() in SPEAKER_NOUNS or w.lower() in ROLE_WORDS
                for w in desc
            )
        ):  # "Campaign group Amnesty International", "rights group Human Rights Watch"
            return run, " ".join(desc).lower()
        return words, None
    # "a NASA scientist", "an EPA spokesman": an organisation's initials and a role
    head = words[-1].lower()
    caps = words[:-1]
    if (
        caps
        and (head in ROLE_WORDS or head in SPEAKER_NOUNS)
        and head not in ORG_PLURALS  # "TV networks" are no organisation's networks
        and all(_cap(w) for w in caps)
        and any(w.isupper() and len(w) > 1 for w in caps)
        and not any(_DEMONYM.search(w) and not w.isupper() for w in caps)
    ):
        return caps, head
    return words, None


_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


_BODY_TAILS = {"department", "dept", "service", "force", "office"}


def _body_of(name: tuple[str, ...], body: tuple[str, ...]) -> bool:
    """ "Kent Police" or "the Atlanta Police Department" is a body "police" ("Atlanta
    police") names: it ends with those words, or has them before a word such as
    "department"."""
    n = len(body)
    if name[-n:] == body:
        return True
    k = len(name) - 1
    while k > 0 and name[k] in _BODY_TAILS:
        k -= 1
    return k < len(name) - 1 and name[k + 1 - n : k + 1] == body and (n > 1 or k + 1 - n > 0)


def _plain(w: str) -> str:
    """A word without accents or curly apostrophes ("García" -> "Garcia")."""
    w = w.replace("’", "'")  # "O’Keefe" / "O'Keefe"
    return "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))


def _key(words: list[str]) -> tuple[str, ...]:
    """A core's words for comparing: no title, middle initial or generational suffix
    ("Mr. King" -> king; "Joseph R. Biden Jr." -> joseph biden; "Brent Bozell III")."""
    ws = [_plain(w.lower().strip(".,")) for w in words]
    while len(ws) > 1 and (ws[0] in HONORIFICS or ws[0] + "." in HONORIFICS):
        ws = ws[1:]
    initial = any(len(w) == 1 for w in ws[:-1])
    while len(ws) > 2 and ws[-1] in _SUFFIXES and (initial or ws[-1] not in {"jr", "sr"}):
        ws = ws[:-1]  # "Joseph R. Biden Jr." (but "Donald Trump Jr." is his son)
    if len(ws) > 2:
        ws = [ws[0], *(w for w in ws[1:-1] if len(w) > 1), ws[-1]]
    return tuple(ws)


# "the poll", "the new survey": the one source of that kind named in the article
_BACK_HEADS = ORG_HEADS | {"poll", "survey", "report", "study", "campaign", "analysis", "data"}
_BACK_MODIFIERS = {"new", "latest", "same", "recent", "most", "the", "this", "that"}


def _refers_back(name: str) -> tuple[str, bool] | None:
    """The head noun of "the poll", "the new poll", "the officials", "the candidate" (no
    name), and whether it is indefinite ("a new poll": it joins only a named one)."""
    words = name.split()
    if len(words) < 2 or any(w[:1].isupper() for w in words):
        return None
    head = words[-1]
    if words[0] in {"a", "an"} and head in _BACK_HEADS:
        return (head, True) if all(w in _BACK_MODIFIERS for w in words[1:-1]) else None
    if (
        words[0] in {"the", "this", "that"}
        and all(w in _BACK_MODIFIERS for w in words[:-1])
        and (
            head in _BACK_HEADS
            or (head in SPEAKER_NOUNS or head in ROLE_WORDS or head in _PEOPLE)
            and len(words) == 2
        )
    ):  # "officials" alone may be others than the "Russian officials" before
        return head, False
    return None


_BODIES = ORG_HEADS | {"police", "government", "army", "military", "navy", "coastguard"}
_PEOPLE = {"employee", "worker", "candidate", "nominee", "man", "woman"}


def _role_of_org(words: list[str]) -> tuple[list[str], str] | None:
    """ "a Twitter spokesman" -> (["Twitter"], "spokesman"): an organisation's name before
    a role word (joined only to an entry of that organisation's name)."""
    while words and words[0].lower() in {"a", "an", "the"}:
        words = words[1:]
    if len(words) < 2 or _cap(words[-1]):
        return None
    head = words[-1].lower()
    caps = words[:-1]
    if (
        head in ROLE_WORDS
        and all(_cap(w) for w in caps)
        and not any(_DEMONYM.search(w) and not w.isupper() for w in caps)
    ):
        return caps, head
    return None


_ORG_TAILS = ORG_WORDS | {"research", "command", "poll", "polling", "institute", "partners"}
_ORG_TAILS |= {"lines", "motors", "motor", "industries", "holdings", "systems", "technologies"}
_ORG_TAILS |= {"labs", "laboratories", "pharmaceuticals", "energy", "airport", "co", "co.", "inc."}


def _is_org(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """The longer name is an organisation's: its other words hold an organisation word."""
    rest = list(long)
    for w in short:
        rest.remove(w)
    return any(w in _ORG_TAILS for w in rest)


def _opening_noun(name: str) -> bool:
    """ "Officials", "Prosecutors": a plural description opening a sentence (it joins as a
    description does; not "Carrier", a company)."""
    low = name.lower()
    return (
        " " not in name
        and (low.endswith("s") or low == "police")
        and (low in SPEAKER_NOUNS or low in ROLE_WORDS)
    )


_CUT_HEADS = ORG_HEADS | ORG_WORDS | {"bureau", "office", "ministry", "department", "board"}


def _acronym(words: list[str]) -> str | None:
    """ "EPA", "F.B.I." (a core of one word): its letters."""
    if len(words) != 1:
        return None
    letters = words[0].replace(".", "")
    return letters if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() else None


def _spell_acronyms(cores: list[tuple[list[str], str | None]], keys: list[tuple[str, ...]]) -> None:
    """ "EPA" and "an EPA spokeswoman" take the key of the one entry whose name's initials
    the acronym spells ("the Environmental Protection Agency", "Human Rights Watch"), or
    all but its last ("CDC" for "Centers for Disease Control and Prevention")."""
    exact: dict[str, set[tuple[str, ...]]] = {}
    less_one: dict[str, set[tuple[str, ...]]] = {}
    for (words, _), k in zip(cores, keys, strict=True):
        if len(words) >= 2 and all(_cap(w) or w.lower() in _LINKS for w in words):
            initials = "".join(w[0] for w in words if _cap(w) and w not in _PREFIXES).upper()
            exact.setdefault(initials, set()).add(k)
            less_one.setdefault(initials[:-1], set()).add(k)
    for i, (words, _) in enumerate(cores):
        acr = _acronym(words)
        if acr is None:
            continue
        got = exact.get(acr) or less_one.get(acr, set())
        if len(got) == 1:
            keys[i] = next(iter(got))


def merge_speakers(
    speakers: list[Speaker], idx: WordIndex | None = None, town: str | None = None
) -> list[Speaker]:
    """Fold entries that name the same source into one; keep the order of first entries.
    ``idx``, the article's words, lets a description see the groups it may also mean;
    ``town``, the place of the article's dateline, whose police a bare "police" are."""
    cores = [core(sp.name) for sp in speakers]
    keys = [_key(c) for c, _ in cores]
    have = set(keys)
    for i, sp in enumerate(speakers):  # "a Twitter spokesman" when "Twitter" speaks too
        got = _role_of_org(sp.name.split()) if cores[i][1] is None else None
        if got is not None:
            k = _key(got[0])
            if k in have and k != keys[i]:
                cores[i], keys[i] = got, k
    _spell_acronyms(cores, keys)
    # indexes by a key's last and first word: an article may have thousands of entries
    by_last: dict[str, list[int]] = {}
    by_first: dict[str, list[int]] = {}
    first_of: dict[tuple[str, ...], int] = {}
    for j, kj in enumerate(keys):
        if kj:
            by_last.setdefault(kj[-1], []).append(j)
            by_first.setdefault(kj[0], []).append(j)
            first_of.setdefault(kj, j)
    backs = [_refers_back(sp.name) for sp in speakers]
    # entries by the last word (lower-cased) of their name or an alias, for "the poll"
    by_tail: dict[str, list[int]] = {}
    for j, sp in enumerate(speakers):
        for tail in {n.split()[-1].lower() for n in [sp.name, *sp.aliases] if n.strip()}:
            by_tail.setdefault(tail, []).append(j)
    into: dict[int, int] = {}
    apart: set[int] = set()  # bare descriptions that join no fuller one
    for i, ki in enumerate(keys):
        back = backs[i]
        if back is not None:  # "the poll" after "a new Quinnipiac poll"
            head, indefinite = back
            same = [
                j
                for j in by_tail.get(head, [])
                if j != i and keys[j] != ki and (not indefinite or _cap(speakers[j].name))
            ]
            named = [j for j in same if backs[j] is None]
            if len({keys[j] for j in named}) == 1:
                into[i] = named[0]
            elif not named and same and min(same) < i and not indefinite:
                into[i] = min(same)  # "the new poll" after "the poll"
            continue
        opening = _opening_noun(speakers[i].name)  # "Police said ..." opening a sentence
        if ki and ki[-1] in _BODIES and (not _cap(cores[i][0][-1]) or opening) and len(ki) <= 3:
            # "police" with "Kent Police", "Atlanta police" with "the Atlanta Police
            # Department": the one body of that kind named in the article
            near = [*by_last.get(ki[-1], []), *by_first.get(ki[0], [])]
            if len(ki) == 1:  # "police" with "the Jupiter Police Department"
                near += [j for tail in _BODY_TAILS for j in by_last.get(tail, [])]
            named = {
                keys[j]
                for j in near
                if j != i and len(keys[j]) > len(ki) and _cap(cores[j][0][-1])
                and _body_of(keys[j], ki)
            }  # fmt: skip
            if len(ki) == 1 and ki[-1] in _DATELINED:
                # "Marlow police" name a body too; of several, bare "police" in a story
                # datelined in a town are that town's, whatever other police it names
                bodies = named | {
                    keys[j] for j in by_last.get(ki[-1], []) if j != i and len(keys[j]) > 1
                }
                if len(bodies) > 1:
                    place = tuple(_plain(w) for w in town.lower().split()) if town else ()
                    named = {k for k in bodies if place and k[: len(place)] == place}
                    if len(named) != 1:
                        apart.add(i)  # none is the dateline's: it stays apart
            if len(named) == 1:
                into[i] = first_of[next(iter(named))]
            continue
        if not ki or not _cap(cores[i][0][-1]) or _opening_noun(speakers[i].name):
            continue  # "officials" is not "Russian officials": only proper names join
        # entries whose core ends with this one's (and is at least as long)
        hosts = [
            j
            for j in by_last.get(ki[-1], [])
            if j != i and len(keys[j]) >= len(ki) and keys[j][len(keys[j]) - len(ki) :] == ki
        ]
        longer = [j for j in hosts if len(keys[j]) > len(ki)]
        same = [j for j in hosts if len(keys[j]) == len(ki)]
        if len({keys[j] for j in longer}) == 1 and not same:
            into[i] = longer[0]
        elif same and not longer:
            into[i] = min([i, *same])  # one core under several names: the first entry
        elif not hosts and len(ki) >= 2:
            # "Melba Acosta" for "Melba Acosta Febo": the start of one longer person name
            inner = {
                keys[j]
                for j in by_first.get(ki[0], [])
                if j != i
                and len(keys[j]) == len(ki) + 1
                and keys[j][: len(ki)] == ki
                and keys[j][-1] not in _SUFFIXES  # "Donald Trump Jr." is not Donald Trump
                and not _is_org(keys[j], ki)
            }
            # "the Georgia Department" for "the Georgia Department of Transportation": an
            # organisation's name cut before its "of"
            cut = {
                keys[j]
                for j in by_first.get(ki[0], [])
                if j != i
                and len(keys[j]) > len(ki) + 1
                and keys[j][: len(ki)] == ki
                and keys[j][len(ki)] in {"of", "for"}
            }
            if len(inner) == 1:
                into[i] = first_of[next(iter(inner))]
            elif not inner and len(cut) == 1 and ki[-1] in _CUT_HEADS:
                into[i] = first_of[next(iter(cut))]
        elif not hosts and len(ki) == 1:
            # "Pew" for "Pew Research": the first word of the one organisation's name
            inner = {
                keys[j]
                for j in by_first.get(ki[0], [])
                if j != i and len(keys[j]) > 1 and _is_org(keys[j], ki)
            }
            if len(inner) == 1:
                into[i] = first_of[next(iter(inner))]
            elif not inner and speakers[i].name[:1].isupper():
                # "Lou" for "Lou Jiwei": a family name written first, or a first name
                firsts = {
                    keys[j] for j in by_first.get(ki[0], []) if j != i and 2 <= len(keys[j]) <= 3
                }  # "Kim" for "Kim Jong Un"
                if len(firsts) == 1:
                    into[i] = first_of[next(iter(firsts))]
    _join_descriptions(speakers, into, idx, apart)
    _join_families(speakers, into, idx)
    _join_named_spokesperson(speakers, into)
    out: list[Speaker] = []
    host_of: dict[int, Speaker] = {}

    def root(i: int) -> int:
        seen = set()
        while i in into and into[i] != i and i not in seen:
            seen.add(i)
            i = into[i]
        return i

    for i in sorted(range(len(speakers)), key=lambda i: root(i) != i):
        r = root(i)
        sp = speakers[i]
        if r == i:
            words, desc = cores[i]
            host = Speaker(sp.name, sp.role, list(sp.aliases), list(sp.statements))
            if desc is not None:  # show the proper name, the descriptor beside it
                host.aliases.insert(0, sp.name)
                host.name = " ".join(words)
                host.role = host.role or desc
            host_of[i] = host
            out.append(host)
            continue
        host = host_of[r]
        _fold(host, sp, cores[i][1])
    return out


# words that say how many or whose, not who: "one source", "some Democratic officials",
# "two-thirds of Democratic insiders", "her advisers"
_QUANTIFIERS = {
    "the", "a", "an", "one", "some", "many", "several", "few", "numerous", "most", "all", "both",
    "of", "this", "that", "these", "those", "half", "two-thirds",
}  # fmt: skip
# "other officials", "another aide", "a third source": someone else than the ones before
_OTHERS = {"other", "another", "others", "second", "third", "fourth", "fifth"}
_POSSESSIVE = re.compile(r"[’']s?$")


def _desc_words(name: str) -> tuple[str, frozenset[str]] | None:
    """(head noun, words) of a description: "Mrs. Clinton's presidential campaign" ->
    ("campaign", {clinton, presidential, campaign}); "one source" -> ("source", {source});
    None for a proper name ("Amnesty International") or "other officials"."""
    words = name.split()
    if _opening_noun(name):
        words = [name.lower()]
    # "the mayor of Dayton": the mayor, whose town ends the name (as in ``core``)
    head_at = next(
        (
            k - 1
            for k in range(1, len(words) - 1)
            if words[k] == "of" and words[k - 1] in PLACE_OFFICES
        ),
        len(words) - 1,
    )
    if not words or _cap(words[head_at]) or len(words) > 8:
        return None
    low = [_POSSESSIVE.sub("", w.lower().strip(".,")) for w in words]
    if any(w in _OTHERS for w in low):
        return None
    keep = frozenset(
        w
        for w in low
        if w and w not in _QUANTIFIERS and w not in HONORIFICS and w + "." not in HONORIFICS
    )
    return (low[head_at], keep) if keep else None


def _join_descriptions(
    speakers: list[Speaker], into: dict[int, int], idx: WordIndex | None, apart: set[int]
) -> None:
    """ "officials" with "American officials", "the source" with "one source", "the Clinton
    campaign" with "Mrs. Clinton's presidential campaign", "one lawmaker" with the person
    called "the lawmaker": a description joins the one entry whose name (or alias) has the
    same head noun and all its words. When several such entries are not one chain
    ("Russian officials", "American officials"), or the text names another group of that
    head that does not speak ("Kyiv officials" for a bare "officials"), it stays apart,
    as do the entries in ``apart``."""
    names = [
        [d for n in [sp.name, *sp.aliases] if n and (d := _desc_words(n)) is not None]
        for sp in speakers
    ]
    by_head: dict[str, list[tuple[int, frozenset[str]]]] = {}
    for j, ds in enumerate(names):
        for head, words in ds:
            by_head.setdefault(head, []).append((j, words))
    for i, sp in enumerate(speakers):
        if into.get(i, i) != i or i in apart:
            continue  # joined already, or kept apart
        mine = _desc_words(sp.name)
        if mine is None:
            continue
        head, words = mine
        hosts: dict[int, frozenset[str]] = {}
        for j, other in by_head.get(head, []):
            if j == i or not (words < other or words == other and j < i):
                continue
            if j not in hosts or len(other) > len(hosts[j]):
                hosts[j] = other
        if not hosts:
            continue
        top = max(hosts, key=lambda j: (len(hosts[j]), -j))
        if (
            all(w <= hosts[top] for w in hosts.values())
            and not _leads_to(into, top, i)
            and not (idx is not None and len(words) == 1 and _other_group(head, hosts[top], idx))
        ):
            into[i] = top  # one chain: the fullest name


# "the family", "family members", "relatives", "the Okafor family", "the victim's family"
_FAMILY = re.compile(
    r"^(?:(?:the|a|his|her|their)\s+)?(?:(.+?)\s+)?"
    r"(?:family|families|relatives|family members|members of (?:the|his|her|their) family)$",
    re.I,
)
# whose family the text names: "the Okafor family", "the victim's family", "his relatives",
# "their family"
_FAMILY_IN_TEXT = re.compile(
    r"\b(?:[Tt]he\s+([A-Z][\w’'-]+)\s+family|([\w’'-]+)[’']s\s+(?:family|relatives)"
    r"|\b([Hh]is|[Hh]er|[Tt]heir)\s+(?:family|relatives))\b"
)


def _family_owner(name: str) -> str | None:
    """ "" for a family group whose owner is not named ("the family", "relatives", "his
    family"), the owner for "the Okafor family" / "the victim's family", None when the
    name is not a family group ("a family friend")."""
    m = _FAMILY.match(name.strip())
    if m is None:
        return None
    owner = (m.group(1) or "").strip()
    if len(owner.split()) > 3 or {"for", "of", "to", "with", "from", "by", "and", "a"} & set(
        owner.lower().split()
    ):
        return None  # "attorneys for the family", "a friend of the family"
    if owner and (owner[:1].isupper() or _POSSESSIVE.search(owner)):
        return _POSSESSIVE.sub("", owner).lower()
    return ""  # "the grieving family"


def _join_families(speakers: list[Speaker], into: dict[int, int], idx: WordIndex | None) -> None:
    """ "the family" with "family members", "relatives" with "the Okafor family": one group,
    when the article names only one family (whoever's, by name or "his"/"her"/"their")."""
    fams = [
        (i, owner)
        for i, sp in enumerate(speakers)
        if into.get(i, i) == i and (owner := _family_owner(sp.name)) is not None
    ]
    if len(fams) < 2 or len({o for _, o in fams if o}) > 1:
        return
    if idx is not None:
        named: set[str] = set()
        pronouns: set[str] = set()
        for m in _FAMILY_IN_TEXT.finditer(idx.text):
            if m.group(3):
                pronouns.add(m.group(3).lower())
            else:
                named.add(_POSSESSIVE.sub("", m.group(1) or m.group(2)).lower())
        if len(named) > 1 or len(pronouns) > 1:
            return  # "the victim's family" and "the driver's family": two groups
    host = next((i for i, o in fams if o), fams[0][0])
    for i, _ in fams:
        if i != host and not _leads_to(into, host, i):
            into[i] = host


# bodies of a place: unqualified in a datelined story, they are the dateline town's
_DATELINED = {"police"}
_WORD_BEFORE = re.compile(r"([\w.&’'-]+)\s+$")
_RANKS = {"former", "senior", "top", "chief", "deputy", "acting", "interim", "longtime", "current"}
_RANKS |= {"long-time", "assistant", "and", "&"}


def _other_group(head: str, host: frozenset[str], idx: WordIndex) -> bool:
    """Whether the text puts a capitalised word or a modifier the host lacks before the
    head noun ("Kyiv officials", "state officials" when the host is "Russian officials";
    ranks such as "senior" are looked past)."""
    return any(w not in host for w in _modifiers_before(head, idx))


def _modifiers_before(head: str, idx: WordIndex) -> set[str]:
    """The capitalised words and role modifiers right before ``head`` in the text (once per
    head and article)."""
    key = ("modifiers", head)
    if key in idx.memo:
        return idx.memo[key]  # type: ignore[return-value]
    text = idx.text
    found: set[str] = set()
    for start in idx.starts(head):
        pos = start
        while (m := _WORD_BEFORE.search(text, max(0, pos - 40), pos)) is not None:
            word = _POSSESSIVE.sub("", m.group(1).lower().strip("."))
            if word not in _RANKS:
                break
            pos = m.start()
        if m is None or word in _QUANTIFIERS or word in _OTHERS:
            continue
        if m.group(1)[:1].isupper() or word in ROLE_MODIFIERS:  # not "2008 campaign"
            found.add(word)
    idx.memo[key] = found
    return found


_SPOKES = {"spokesman", "spokeswoman", "spokesperson"}
_ROLE_ENDS = {"for", "of", "at", "with", "to"}


def _spokes_org(words: list[str]) -> tuple[str, frozenset[str]] | None:
    """("spokeswoman", {"vermont", "state", "police"}) for "a Vermont State Police
    spokeswoman" or "spokeswoman for the Vermont State Police": the role noun and the
    capitalised words naming whose it is; None when the role is not a spokesperson's."""
    k = next((k for k, w in enumerate(words) if w.lower() in _ROLE_ENDS), len(words))
    if k == 0 or words[k - 1].lower() not in _SPOKES:
        return None
    org = frozenset(
        _POSSESSIVE.sub("", _plain(w.lower()))
        for n, w in enumerate(words)
        if n != k - 1 and _cap(w)
    )
    return words[k - 1].lower(), org


def _join_named_spokesperson(speakers: list[Speaker], into: dict[int, int]) -> None:
    """ "..., a Vermont State Police spokeswoman said. ..., spokeswoman Dana Pruitt said.":
    an unnamed spokesperson is the one person the same or the next paragraph names with
    that role noun, when the role names no other organisation (not "White House spokesman
    Ann Lee" for "a spokesman"). Other roles stay apart: unnamed sources are seldom the
    people named near them."""
    for i, sp in enumerate(speakers):
        words = sp.name.split()
        if into.get(i, i) != i or len(words) < 2 or words[0].lower() not in {"a", "an"}:
            continue
        mine = _spokes_org(words[1:])
        if mine is None or not sp.statements:
            continue
        paras = {st.paragraph for st in sp.statements}
        found = []
        for j, other in enumerate(speakers):
            names = other.name.split()
            if j == i or into.get(j, j) != j or not other.role or not other.statements:
                continue
            if len(names) < 2 or not all(_cap(w) for w in names):
                continue  # a person named in full
            theirs = _spokes_org(other.role.split())
            if theirs is None or theirs[0] != mine[0] or theirs[1] and theirs[1] != mine[1]:
                continue
            first = min(st.paragraph for st in other.statements)
            if any(p <= first <= p + 1 for p in paras):
                found.append(j)
        if len(found) == 1:
            into[i] = found[0]


def _leads_to(into: dict[int, int], start: int, goal: int) -> bool:
    seen = set()
    while start not in seen:
        if start == goal:
            return True
        seen.add(start)
        if start not in into:
            return False
        start = into[start]
    return False


def _more_telling(name: str, shown: str) -> bool:
    """Of two descriptions of one source, the longer is shown ("the Clinton campaign", not
    "the campaign"); of two as long, the one in lower case ("critics", not "Critics")."""
    a, b = _desc_words(name), _desc_words(shown)
    if a is None or b is None:
        return False
    if len(a[1]) != len(b[1]):
        return len(a[1]) > len(b[1])
    return len(name.split()) > len(shown.split()) or shown[:1].isupper() and name[:1].islower()


def _fold(host: Speaker, sp: Speaker, desc: str | None) -> None:
    if (
        len(sp.name) > len(host.name)
        and _cap(sp.name.split()[-1] if sp.name else "")
        and core(sp.name)[1] is None
        and (
            not sp.name.startswith(("the ", "a ", "an "))
            or _acronym(core(host.name)[0]) is not None  # "the EPA": its name spelled out
            and len(core(sp.name)[0]) >= 2
        )
    ):  # the longest proper name is shown
        host.aliases.insert(0, host.name)
        host.name = sp.name
    elif _more_telling(sp.name, host.name):  # "many critics" rather than "Critics"
        host.aliases.insert(0, host.name)
        host.name = sp.name
    for alias in [sp.name, *sp.aliases]:
        if alias != host.name and alias not in host.aliases:
            host.aliases.append(alias)
    host.role = host.role or sp.role or desc
    have = set(host.statements)
    for st in sp.statements:
        if st not in have:
            have.add(st)
            host.statements.append(st)
    host.statements.sort(key=lambda st: st.paragraph)
