"""Research outputs as citations: RIS, BibTeX and CSL-JSON, the three files Zotero, Mendeley,
EndNote, JabRef and pandoc import.

The writers are our own small code rather than a library's: each format is a few lines of
text per record, and what needs care (names split as each format wants, BibTeX's special
characters, keys that stay unique) is ours to decide either way.  The tests read every file
back with the formats' well-kept parsers (rispy, bibtexparser, citeproc-py).
"""
