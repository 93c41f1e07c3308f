"""The only module that imports MkDocs: wires the engine-independent pipeline
into MkDocs events and renders page views with the Material theme.

MkDocs contributes the theme (Material + ``theme/`` overrides), its assets and
``mkdocs serve``; every page of the portal is made by cdsportal, so MkDocs'
own page pipeline (and its nav, which is quadratic in pages) is not used.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from importlib.metadata import version

import jinja2
import markupsafe
import mkdocs
from mkdocs.config import base, config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from . import __version__
from .build import Prepared, cache_dir_for, prepare, write_site
from .cachefile import prune
from .config import PortalConfig, load_config
from .diagnostics import ContentError, Problems
from .i18n import LOCALES_DIR
from .outputs.tree import OutputTree
from .site.views import PageView

log = logging.getLogger("mkdocs.plugins.cdsportal")
_THIS_MODULE = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:12]


class CdsPortalOptions(base.Config):
    """Options of the ``cdsportal`` plugin in ``mkdocs.yml`` (see ``config.py``)."""

    site_name = c.Type((str, dict), default="Chuyển đổi số")
    site_description = c.Type((str, dict), default="")
    publisher = c.Type((str, dict), default="")
    categories = c.Type(dict, default={})
    per_page = c.Type(int, default=20)
    home_latest = c.Type(int, default=9)
    related_count = c.Type(int, default=4)
    search_shard_pages = c.Type(int, default=4000)
    feed_items = c.Type(int, default=50)
    max_file_mb = c.Type(int, default=10)
    podcast = c.Type(dict, default={})
    banner = c.Type(dict, default={})


class CdsPortalPlugin(BasePlugin[CdsPortalOptions]):
    """MkDocs plugin: validates content before the build, writes the portal after it."""

    def __init__(self):
        super().__init__()
        self.serving = False
        self.progress = None      # set by the CLI to show progress on a terminal
        self.search_index = True  # the CLI can skip the index (``--no-search``)
        self.tree: OutputTree | None = None  # the CLI's staging folder (see outputs/tree.py)
        self.theme_templates: set[str] = set()
        self.portal: PortalConfig | None = None
        self.prepared: Prepared | None = None
        self.env = None
        self.stats: dict = {}

    # -- events ------------------------------------------------------------
    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        problems = Problems(Path(config.config_file_path).resolve().parent)
        self.portal = _portal_from(config, self.config, problems, preview=self.serving)
        if problems.errors:
            raise PluginError(str(ContentError(problems)))
        # MkDocs renders no page and no theme template of its own: cdsportal does
        # (nor does it copy them as they are: see on_files).
        self.theme_templates = set(config.theme.static_templates)
        config.theme.static_templates.clear()
        # Nor does it read the sources: it would list (and stat) every one of
        # them. It gets an empty folder; `serve` watches the content itself.
        empty = self.cache_dir / "engine-docs"
        empty.mkdir(parents=True, exist_ok=True)
        config.docs_dir = str(empty)
        _list_theme_files_without_hidden_folders(config.theme)
        return config

    def on_pre_build(self, config):
        problems = Problems(self.portal.root)
        try:
            # `serve` answers requests in threads meanwhile: no drawing in a forked process
            self.prepared = prepare(self.portal, problems, cache_dir=self.cache_dir,
                                    progress=self.progress,
                                    logo=None if self.serving else theme_logo(config))
        except ContentError as error:
            raise PluginError(str(error)) from None
        for warning in problems.warnings:
            log.warning(str(warning))

    def on_files(self, files, config):
        """The theme's templates (sitemap.xml) are not copied as they are; the
        files MkDocs does copy go into the output folder's manifest."""
        for file in [f for f in files if f.src_uri in self.theme_templates]:
            files.remove(file)
        if self.tree is not None:
            self.tree.engine_files((f.abs_src_path, f.dest_uri) for f in files
                                   if not f.is_documentation_page())
        return files

    def on_env(self, env, config, files):
        self.env = portal_environment(env, self.cache_dir / "templates")
        return env

    def on_post_build(self, config):
        renderer = MaterialRenderer(self.env, config)
        tree = self.tree or OutputTree(Path(config.site_dir))
        self.stats = write_site(self.prepared, renderer, tree,
                                cache_dir=self.cache_dir, salt=template_salt(config),
                                search_index=self.search_index, progress=self.progress)
        self.stats["warnings"] = len(self.prepared.problems.warnings)

    @property
    def cache_dir(self) -> Path:
        return cache_dir_for(self.portal.root)

    def on_serve(self, server, config, builder):
        """Rebuild when content, plans or bulletins change."""
        server.watch(str(self.portal.content_dir))
        for folder in ("plans", "bulletins"):
            if (self.portal.root / folder).is_dir():
                server.watch(str(self.portal.root / folder))
        return server


class MaterialRenderer:
    """Renders a :class:`PageView` with the theme's Jinja environment.

    The templates (``theme/cds/``) use Material's stylesheets and classes; they
    get the view's context as ``cds`` and the theme's asset paths as ``assets``.
    """

    def __init__(self, env, config):
        self.env = env
        self.dirs = [Path(d) for d in config.theme.dirs]
        stylesheets = [f"/{path}" for path in material_stylesheets(config)]
        stylesheets += [self.asset(f"/{str(path).lstrip('/')}") for path in config.extra_css]
        self.logo_file = theme_logo(config)
        self._asset_urls = _Memo(self.asset)
        self._chrome_html: dict[tuple, dict] = {}
        self._card_html: dict[tuple, str] = {}
        self.assets = {"stylesheets": stylesheets,
                       "favicon": f"/{config.theme['favicon']}", "logo": f"/{config.theme['logo']}"}

    def asset(self, url: str) -> str:
        """``url`` of a theme file with ``?v=<hash of its bytes>``: a changed file gets
        a new address, so browsers and nginx may keep each version for a year."""
        for directory in self.dirs:
            path = directory / url.lstrip("/")
            if path.is_file():
                return f"{url}?v={hashlib.sha1(path.read_bytes()).hexdigest()[:10]}"
        raise FileNotFoundError(f"theme asset {url} not found in {self.dirs}")

    def __call__(self, view: PageView) -> str:
        return self.template(view.template, {"cds": view.context})

    def template(self, name: str, context: dict) -> str:
        cds = context.get("cds")
        chrome = self._chrome(cds) if cds and "menu" in cds else None
        return self.env.get_template(name).render({**context, "assets": self.assets,
                                                   "asset": self._asset_urls, "chrome": chrome,
                                                   "card": self._card})

    def _chrome(self, cds: dict) -> dict:
        """The header, menus and footer (cds/partials/chrome.html) of the page's
        language and section, drawn once per pair instead of on every page (a
        renderer serves one build, whose menus are fixed per language)."""
        key = (cds["lang"], cds["section"])
        found = self._chrome_html.get(key)
        if found is None:
            macros = self.env.get_template("cds/partials/chrome.html").module
            menu, section, t = cds["menu"], cds["section"], cds["t"]
            found = self._chrome_html[key] = {
                "top": macros.top(t), "header": macros.header(cds, t, self.assets),
                "tabs": macros.tabs(menu, section),
                "drawer": macros.drawer(menu, section), "footer": macros.footer(cds, t)}
        return found

    def _card(self, card: dict, t: dict, level: int = 3):
        """A news card's HTML, drawn once per item and heading level: the same
        item appears on many pages (related items, listings, home)."""
        key = (card["url"], level)
        found = self._card_html.get(key)
        if found is None:
            macros = self.env.get_template("cds/partials/macros.html").module
            found = self._card_html[key] = macros.card(card, t, level)
        return found


class _ThemeLoader(jinja2.FileSystemLoader):
    """The theme's loader, listing no file in hidden folders. MkDocs lists every
    theme file on each build to copy the static ones, and skips the hidden
    ones only after walking them: Material's 14,000 icons (``.icons/``), a
    quarter of a second per build. Templates there still load."""

    def list_templates(self) -> list[str]:
        found = set()
        for root in self.searchpath:
            for folder, subfolders, names in os.walk(root, followlinks=self.followlinks):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                relative = os.path.relpath(folder, root).replace(os.sep, "/")
                found.update(name if relative == "." else f"{relative}/{name}" for name in names)
        return sorted(found)


def _list_theme_files_without_hidden_folders(theme) -> None:
    """Make ``theme.get_env()`` (which MkDocs calls once per build) use ``_ThemeLoader``."""
    make_env = theme.get_env

    def get_env():
        env = make_env()
        env.loader = _ThemeLoader(theme.dirs)
        return env
    theme.get_env = get_env


def portal_environment(theme_env, compiled: Path | None = None) -> jinja2.Environment:
    """A Jinja environment for the portal's templates: the theme's loader (so
    ``theme/`` overrides apply) with autoescaping on, since every value in a
    view context is plain text except the bodies, marked ``| safe``.

    Compiled templates are kept below ``compiled`` (by a hash of their source,
    in a folder per version of this module, which sets the compiler's options):
    compiling them took a quarter of a one-edit rebuild."""
    cache = None
    if compiled is not None:
        folder = compiled / f"{jinja2.__version__}-{_THIS_MODULE}"
        folder.mkdir(parents=True, exist_ok=True)
        prune(compiled, {folder.name})
        cache = jinja2.FileSystemBytecodeCache(str(folder))
    env = jinja2.Environment(loader=theme_env.loader, autoescape=True, auto_reload=False,
                             bytecode_cache=cache)
    env.template_class = _PortalTemplate
    env.filters.update(theme_env.filters)
    env.getattr = _dict_first_getattr(env)
    return env


class _PortalTemplate(jinja2.Template):
    """A template whose ``{{ value }}`` escapes a plain string straight to text.

    Jinja's ``escape`` wraps every escaped string in a ``Markup`` object (a
    Python-level constructor) only for it to be joined into the page: two
    million of them at 10,000 items, a fifth of the rendering time. Anything
    but a plain string (``| safe`` values, macros' output) is escaped as Jinja
    does; tests/test_feeds.py checks that hostile titles are escaped once.
    """

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):
        if namespace.get("escape") is markupsafe.escape:
            namespace["escape"] = _escape_to_text
        return super()._from_namespace(environment, namespace, globals)


_escape_text = markupsafe._escape_inner  # what markupsafe.escape applies to plain strings


def _escape_to_text(value) -> str:
    """``value`` escaped for HTML: a plain string as text, anything else as ``Markup``."""
    if type(value) is str:
        return _escape_text(value)
    return markupsafe.escape(value)



def _dict_first_getattr(env):
    """``a.b`` on a dict looks up the key first (Jinja tries the attribute first,
    which for plain-data contexts costs a failed lookup on every access)."""
    fallback = env.getattr

    def getattr_(obj, attribute):
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return fallback(obj, attribute)
    return getattr_


class _Memo(dict):
    """``asset('/x.js')`` in templates, computed once per file."""

    def __init__(self, function):
        super().__init__()
        self.function = function

    def __call__(self, url: str) -> str:
        if url not in self:
            self[url] = self.function(url)
        return self[url]


def theme_logo(config) -> Path:
    """The portal's logo (SVG) from the theme folders (``theme/`` first)."""
    return next(Path(d) / config.theme["logo"] for d in config.theme.dirs
                if (Path(d) / config.theme["logo"]).is_file())


def material_stylesheets(config) -> list[str]:
    """Material's fingerprinted stylesheets, as paths below the site root."""
    found = []
    for pattern in ("main.*.min.css", "palette.*.min.css"):
        for directory in config.theme.dirs:
            matches = sorted(Path(directory).glob(f"assets/stylesheets/{pattern}"))
            if matches:
                found.append(matches[0].relative_to(directory).as_posix())
                break
    return found


def template_salt(config) -> str:
    """A hash of what every page depends on besides its context: templates, settings
    and the interface strings (left out of the contexts' hashes)."""
    digest = hashlib.sha1(f"{__version__}:{mkdocs.__version__}".encode())
    digest.update(Path(config.config_file_path).read_bytes())
    for path in sorted(LOCALES_DIR.glob("*.yml")):
        digest.update(path.read_bytes())
    custom = config.theme.custom_dir
    if custom:
        for path in sorted(Path(custom).rglob("*")):
            if path.is_file() and path.suffix in {".html", ".css", ".js"}:
                digest.update(path.as_posix().encode())
                digest.update(path.read_bytes())
    digest.update(material_version().encode())
    return digest.hexdigest()


def material_version() -> str:
    return version("mkdocs-material")


# -- engine entry points used by the CLI -------------------------------------

def load_engine_config(config_file: Path, site_dir: Path | None = None, **overrides):
    """Load ``mkdocs.yml`` (optionally writing into ``site_dir``)."""
    from mkdocs.config import load_config as mkdocs_load_config
    if site_dir is not None:
        overrides["site_dir"] = str(site_dir)
    return mkdocs_load_config(str(config_file), **overrides)


def portal_config(config_file: Path, problems: Problems, preview: bool = False) -> PortalConfig:
    """The portal settings of ``config_file`` without building anything."""
    engine = load_engine_config(config_file)
    plugin = engine.plugins.get("cdsportal")
    if plugin is None:
        raise PluginError(f"{config_file}: the 'cdsportal' plugin is not listed under plugins")
    return _portal_from(engine, plugin.config, problems, preview=preview)


def _portal_from(engine, options, problems: Problems, *, preview: bool) -> PortalConfig:
    """The portal settings from MkDocs' configuration and the plugin's options."""
    source = Path(engine.config_file_path)
    return load_config(dict(options.items()), root=source.resolve().parent,
                       site_url=engine.site_url or "", content_dir=Path(engine.docs_dir).resolve(),
                       source=source, problems=problems, preview=preview)


def build_into(engine, tree: OutputTree, *, progress=None, search_index=True) -> dict:
    """Build the whole portal (settings ``engine`` from ``load_engine_config``) into
    ``tree``; raise PluginError on content errors."""
    from mkdocs.commands.build import build
    engine["site_dir"] = str(tree.root)
    plugin = engine.plugins["cdsportal"]
    plugin.progress = progress
    plugin.search_index = search_index
    plugin.tree = tree
    # A folder that starts with an earlier build's files must not be emptied by
    # MkDocs: a "dirty" build (its warning is about pages MkDocs renders: none).
    quiet = _DropMessage("'dirty' build")
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        build(engine, dirty=tree.reused)
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
    return plugin.stats


class _DropMessage(logging.Filter):
    """Drops log records whose message contains ``text``."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def filter(self, record: logging.LogRecord) -> bool:
        return self.text not in record.getMessage()


def serve(config_file: Path, address: str) -> None:
    """Build and serve with live reload (MkDocs watches the content folder)."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    mkdocs_serve(str(config_file), dev_addr=address, livereload=True)
