"""cdsportal: builds a bilingual Chuyển đổi số portal from Markdown and YAML.

The package is organised as one-way stages (see README "Architecture"):
readers → model → site graph → outputs → publish. Only ``mkdocs_adapter``
imports MkDocs.
"""

__version__ = "0.1.0"
