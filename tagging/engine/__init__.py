"""Entity tagging engine: finds registered organizations and people in a story, and suggests
unregistered ones (discovery). Pure Python, no Django (a test reads the imports): the glue code
(`tagging/register.py`, `tagging/services.py`) maps database rows to `RegisterEntry` and
`TagResult` back to rows.

Modules: `text` (tokens, word lists and `normalize`, the one name normaliser of the project;
vocabularies read from `data/`), `register` (entries compiled into automata), `resolution`
(known mode: which registered entries a story names), `discovery` (suggestions for what the
register lacks), `fields` and `results` (a story's fields, and what is handed back).

How a story is read
-------------------
* Two Aho-Corasick automata, built once per register (`Register.build`) and shared by every
  story: one over *folded* text for names and aliases (case, accents, periods, possessives and
  hyphens ignored; "U.S.", "US", "U. S." and "United States" are one word, "us"), one over the
  text *as written* for acronyms (case-sensitive). Hits map back to offsets in the field.
* Hits are whole words. Overlapping hits are resolved longest first (then by how they matched:
  name, defined acronym, alias, acronym), so "U.S. Customs and Border Protection" is one hit
  and never also "Border Protection".
* "Full Name (ACR)" in the story binds ACR to that organization for the whole story, even when
  the register lacks or shares the acronym; an unregistered "Office of Foo Bar (OFB)" becomes
  an organization suggestion (discover mode) and its later "OFB"s are counted for it, never for
  a registered organization with the same acronym.
* An organization's name that starts with "U.S." is also matched without it when at least
  three words remain ("Department of State", "Customs and Border Protection"). A generic name
  right after a place is another body: "Texas Department of Transportation" is not the U.S. one.
* Names and aliases are folded (case, accents); acronyms, and all-caps aliases of up to six
  letters, are matched as written; "US"/"U.S."/"USA"/"UK" are never organizations. A one-word
  name or alias must be capitalised in the text ("Pentagon", not "fed"). Acronyms are not read
  in lines written in capitals, nor where a state postal code follows a place ("Fairfax, VA").
* A bare surname counts for a registered person only after the full name (or an alias, or the
  person's registered title followed by the surname) appeared earlier in the story, reading
  headline, dek, caption, body in that order; never right after another first name ("Jill
  Biden") nor before a place or body word ("Harris County").
* Short forms (`RegisterEntry.short_forms`, or titles written "short form: Senate") count only
  where they cannot mean another body: capitalised, not in a heading in capitals, not after a
  place, nationality or "state", not before "of", not heading a longer name ("Senate Judiciary
  Subcommittee"), not inside a registered title of the same body ("Senate Majority Leader"),
  and not at all (per family: chambers and courts, armed services) in a story where another
  country's one appeared ("Mexico's Senate"). Confidence 0.88.
* Precision guards: a party-state tag ("(R-VA)", "D-NY") is no acronym; a multiword name with a
  word in lower case ("homeland security experts") is no name; a generic name followed by "of"
  and a place ("... of Puerto Rico") is another body.
* Parents: a name that runs through a possessive ("the Justice Department's National Security
  Division") also counts for the organization before it (via "parent", 0.85); a registered
  organization's possessive followed by words that, with its acronym or name in front, make
  another registered name ("the DEA's Phoenix Field Division") counts for that one too.
* Tolerant long names (three content words or more, never acronyms): a plural for a singular
  or the reverse, a list's comma before "and", one edit in a word of eight letters or more;
  looked up as variants of the story's words, so the register needs no second index.
* Titles. `RegisterEntry.titles` of an organization ("Secretary of State") resolve the
  `organization_key` of discovered people. By default a title alone does NOT make the
  organization a mention (the story did not name it); pass `implied_orgs=True` to `tag` to get
  such organizations as mentions with via="title". A registered person's title followed by the
  surname ("President Biden") is a mention of that person with via="title".

Discovery (``discover=True``). People: 2-4 capitalised names introduced by a title before the
name (vocabulary in `data/titles.txt`, with the register's own titles), an appositive after it
(read to its closing comma), a title before a comma, a caption line, or a plural title
governing a list ("Senators A, B and C", "Trial Attorneys X and Y"); also a name standing alone
that starts with a common given name (`data/given_names.txt`), carries an age ("Jane Roe,
44,"), an affiliation ("Jane Roe of Acme") or an attribution ("said Jane Roe."), at 0.60.
Variants of one person are suggested once. Organizations: "Full Name (ACR)"; names by how they
end or begin (`data/organizations.txt`: "... Police Department", "... County Sheriff's
Office", "... Circuit Court", "House ... Subcommittee on ...", "... Inc.", "Port of ...") or
known companies, at 0.70-0.75; a name the story calls "a company", "an agency"...

Scale: one automaton pair for the whole register; tagging a story takes a few milliseconds
whatever the register's size (bench/tagging_scale.py). A process that keeps a large register
may call ``gc.freeze()`` after building it.
"""

from .register import FORBIDDEN_ACRONYMS, Register, RegisterEntry
from .results import CONFIDENCE, ORGANIZATION, PERSON, Evidence, Mention, Suggestion, TagResult
from .text import normalize

__all__ = [
    "CONFIDENCE",
    "FORBIDDEN_ACRONYMS",
    "ORGANIZATION",
    "PERSON",
    "Evidence",
    "Mention",
    "Register",
    "RegisterEntry",
    "Suggestion",
    "TagResult",
    "normalize",
]
