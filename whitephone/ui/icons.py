"""WhitePhone's icons as QIcons: the application icon and the Tabler icon set (whitephone/ui/icons/).

`icon("hang_up")` gives the icon of a role (call controls, tabs, toolbars, presence states). The
Tabler SVGs draw in `currentColor`; ThemedIconEngine replaces it when the icon is painted by the
role's theme colour (presence: ui/theme.py) or the palette's button text colour (disabled and
selected states too), so an icon already on a button follows a change of theme; it renders the
SVG at the size and device pixel ratio asked, so icons stay crisp at 100 %, 150 % and 200 %.
An explicit colour (`icon("hang_up", "white")`) and the application icon are drawn from their
SVG when shown too (`SvgIconEngine`), nothing is pre-rendered (issue 18).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

ICON_DIR = Path(__file__).with_name("icons")
APP_ICON_SVG = ICON_DIR / "whitephone.svg"
TABLER_DIR = ICON_DIR / "tabler"
APP_ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)  # the packages' icon files (packaging/make_icons.py)
# the running app's window and tray icon: rendered once and kept; 512 px alone was 1 MiB of the
# window's idle memory (issue 18), and X11, the tray and taskbars ask for 256 px at most
WINDOW_ICON_SIZES = tuple(s for s in APP_ICON_SIZES if s <= 256)
ICON_SIZES = (16, 20, 24, 32, 48, 64)

# presence colours: names of ui/theme.py colours, so each theme has its own shade
GREEN, AMBER, ORANGE, RED, GREY, BLUE = "green", "amber", "orange", "red", "grey", "blue"

# role -> (Tabler file name without .svg, a theme colour name or None for the palette's text colour)
ROLES: dict[str, tuple[str, str | None]] = {
    # call controls
    "call": ("phone", None),
    "answer": ("phone-call", None),
    "hang_up": ("phone-off", None),
    "decline": ("phone-x", None),
    "call_back": ("phone-outgoing", None),
    "hold": ("player-pause", None),
    "resume": ("player-play", None),
    "mute": ("microphone-off", None),
    "unmute": ("microphone", None),
    "record": ("player-record", None),
    "stop_recording": ("player-stop", None),
    "transfer": ("transfer", None),
    "dial_pad": ("dialpad", None),
    "swap": ("arrows-exchange", None),
    "merge": ("arrow-merge", None),
    "play": ("player-play", None),
    # tabs
    "tab_address_books": ("address-book", None),
    "tab_call_logs": ("history", None),
    "tab_online_monitor": ("users", None),
    "tab_crm": ("briefcase", None),
    "tab_diary": ("calendar", None),
    "tab_messages": ("mail", None),
    # toolbars
    "new_contact": ("user-plus", None),
    "import": ("file-import", None),
    "export": ("file-export", None),
    "refresh": ("refresh", None),
    "search": ("search", None),
    "settings": ("settings", None),
    "new_message": ("mail-plus", None),
    "new_appointment": ("calendar-plus", None),
    "today": ("calendar-event", None),
    "delete": ("trash", None),
    "crm": ("briefcase", None),
    # presence (seed 000's "Understanding icons": colour and shape both tell the state)
    "presence_online": ("circle-check-filled", GREEN),
    "presence_away": ("clock-filled", AMBER),
    "presence_busy": ("circle-dot-filled", ORANGE),
    "presence_dnd": ("forbid-filled", RED),
    "presence_offline": ("circle", GREY),
    "presence_invisible": ("eye-off", GREY),
    "presence_phone": ("phone-filled", BLUE),
}

TAB_ROLES = {"Address Books": "tab_address_books", "Call Logs": "tab_call_logs",
             "Online Monitor": "tab_online_monitor", "CRM": "tab_crm", "Diary": "tab_diary",
             "Messages": "tab_messages"}


def text_color() -> str:
    """The palette's button text colour (dark on a light theme, light on a dark one)."""
    if QGuiApplication.instance() is None:
        return "#202020"
    return QGuiApplication.palette().color(QPalette.ColorRole.ButtonText).name()


class SvgIconEngine(QIconEngine):
    """Draws an SVG at the size and device pixel ratio asked for, when asked (issue 18): rendering
    every icon at 6 sizes × 1×/2× up front kept ~6.7 MiB of pixmaps in the window that were
    never shown. The last few small renderings are kept; larger ones (the window icon's 256 px)
    are drawn again when asked."""

    KEEP = 8  # renderings kept per icon (a toolbar and a menu ask for one or two sizes)
    KEEP_UP_TO = 64  # px; a larger rendering is not kept

    def __init__(self, svg: bytes, sizes=ICON_SIZES) -> None:
        super().__init__()
        self._svg = QByteArray(svg)
        self._sizes = tuple(sizes)
        self._kept: dict[tuple, QPixmap] = {}

    def _render(self, size: QSize, mode: QIcon.Mode, scale: float) -> QPixmap:
        side = max(1, min(size.width(), size.height()))
        key = (side, mode, scale)
        pm = self._kept.get(key)
        if pm is not None:
            return pm
        px = max(1, round(side * scale))
        pm = QPixmap(px, px)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        QSvgRenderer(self._svg).render(p, QRectF(0, 0, px, px))
        p.end()
        if mode in (QIcon.Mode.Disabled, QIcon.Mode.Selected):
            pm = _styled(mode, pm)
        pm.setDevicePixelRatio(scale)
        if side <= self.KEEP_UP_TO:
            if len(self._kept) >= self.KEEP:
                self._kept.pop(next(iter(self._kept)))
            self._kept[key] = pm
        return pm

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:  # noqa: N802 - Qt's
        return self._render(size, mode, scale or 1.0)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self._render(size, mode, 1.0)

    def paint(self, painter: QPainter, rect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.drawPixmap(rect, self._render(rect.size(), mode, scale))

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:  # noqa: N802 - Qt's
        side = min(size.width(), size.height())
        return QSize(side, side)

    def availableSizes(self, mode=QIcon.Mode.Normal, state=QIcon.State.Off) -> list[QSize]:  # noqa: N802 - Qt's
        return [QSize(s, s) for s in self._sizes]

    def clone(self) -> QIconEngine:
        return SvgIconEngine(bytes(self._svg.data()), self._sizes)  # Qt owns it (as the icon's)

    def key(self) -> str:
        return "whitephone-svg"


def _styled(mode: QIcon.Mode, pm: QPixmap) -> QPixmap:
    """The style's disabled (greyed) or selected look of `pm`, as QIcon gives its own pixmaps."""
    from PySide6.QtWidgets import QApplication, QStyleOption

    qt_app = QApplication.instance()
    if not isinstance(qt_app, QApplication):
        return pm
    return qt_app.style().generatedIconPixmap(mode, pm, QStyleOption())


def svg_icon(svg: bytes, sizes=ICON_SIZES) -> QIcon:
    """A QIcon drawn from `svg` at whatever size and device pixel ratio it is shown
    (`SvgIconEngine`); `sizes` are the sizes it says it has (the window icon's for X11)."""
    if not QSvgRenderer(QByteArray(svg)).isValid():
        raise ValueError("not a valid SVG icon")
    return QIcon(SvgIconEngine(svg, sizes))  # the icon owns its engine (PySide6 hands it to Qt)


@cache
def _tabler(name: str, color: str) -> QIcon:
    svg = (TABLER_DIR / f"{name}.svg").read_text(encoding="utf-8").replace("currentColor", color)
    return svg_icon(svg.encode("utf-8"))


@cache
def _svg_text(name: str) -> str:
    return (TABLER_DIR / f"{name}.svg").read_text(encoding="utf-8")


class ThemedIconEngine(QIconEngine):
    """A Tabler icon drawn when painted, at the size and device pixel ratio asked (crisp at any
    scale), in the colour the theme gives now: the palette's button text (disabled: its disabled
    colour; selected: the highlighted text) or a theme colour (ui/theme.py), so icons already on
    buttons follow a change of theme."""

    _pixmaps: dict = {}  # (name, colour, w, h) -> QPixmap, shared by every engine

    def __init__(self, name: str, colour_name: str | None) -> None:
        super().__init__()
        self.name, self.colour_name = name, colour_name

    def _colour(self, mode) -> str:
        if self.colour_name:
            from whitephone.ui import theme

            return theme.colour(self.colour_name)
        if QGuiApplication.instance() is None:
            return "#202020"
        pal = QGuiApplication.palette()
        if mode == QIcon.Mode.Disabled:
            return pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText).name()
        if mode == QIcon.Mode.Selected:
            return pal.color(QPalette.ColorRole.HighlightedText).name()
        return pal.color(QPalette.ColorRole.ButtonText).name()

    def _render(self, w: int, h: int, mode) -> QPixmap:
        colour = self._colour(mode)
        key = (self.name, colour, w, h)
        pm = self._pixmaps.get(key)
        if pm is None:
            renderer = QSvgRenderer(QByteArray(_svg_text(self.name).replace("currentColor", colour).encode()))
            pm = QPixmap(max(1, w), max(1, h))
            pm.fill(Qt.GlobalColor.transparent)
            p = QPainter(pm)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(p, QRectF(0, 0, w, h))
            p.end()
            if len(self._pixmaps) > 2000:
                self._pixmaps.clear()
            self._pixmaps[key] = pm
        return pm

    def paint(self, painter, rect, mode, state) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        side = min(rect.width(), rect.height())
        pm = QPixmap(self._render(round(side * ratio), round(side * ratio), mode))
        pm.setDevicePixelRatio(ratio)
        painter.drawPixmap(rect.x() + (rect.width() - side) // 2, rect.y() + (rect.height() - side) // 2, pm)

    def pixmap(self, size, mode, state) -> QPixmap:
        side = min(size.width(), size.height())
        return QPixmap(self._render(side, side, mode))

    def scaledPixmap(self, size, mode, state, scale) -> QPixmap:
        side = min(size.width(), size.height())
        px = round(side * scale)
        pm = QPixmap(self._render(px, px, mode))
        pm.setDevicePixelRatio(scale)
        return pm

    def actualSize(self, size, mode, state) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def availableSizes(self, mode=QIcon.Mode.Normal, state=QIcon.State.Off) -> list:
        return [QSize(s, s) for s in (*ICON_SIZES, *(2 * s for s in ICON_SIZES))]

    def clone(self) -> QIconEngine:
        return ThemedIconEngine(self.name, self.colour_name)

    def key(self) -> str:
        return "whitephone-themed"


@cache
def _themed(name: str, colour_name: str | None) -> QIcon:
    return QIcon(ThemedIconEngine(name, colour_name))


def icon(role: str, color: str | None = None) -> QIcon:
    """The icon of `role` (a key of ROLES): in `color` (fixed) when given, else in the role's
    theme colour or the palette's text colour, following the theme (ThemedIconEngine)."""
    name, fixed = ROLES[role]
    if color:
        return _tabler(name, QColor(color).name())
    return _themed(name, fixed)


def tab_icon(tab_name: str) -> QIcon:
    """The icon of a main-window tab by its (untranslated) name; a null icon for an unknown tab."""
    role = TAB_ROLES.get(tab_name)
    return icon(role) if role else QIcon()


def presence_icon(status: str) -> QIcon:
    return icon(f"presence_{status}" if f"presence_{status}" in ROLES else "presence_offline")


@cache
def app_icon() -> QIcon:
    """WhitePhone's application icon (whitephone/ui/icons/whitephone.svg) in every size."""
    return svg_icon(APP_ICON_SVG.read_bytes(), sizes=WINDOW_ICON_SIZES)


def install_app_icon() -> None:
    """Make the application icon the default of every window (main, call, dialogs) and tell
    Wayland compositors which .desktop file (and so which icon) the windows belong to."""
    from PySide6.QtWidgets import QApplication

    qt_app = QApplication.instance()
    if qt_app is not None and qt_app.windowIcon().cacheKey() != app_icon().cacheKey():
        qt_app.setWindowIcon(app_icon())
        QGuiApplication.setDesktopFileName("whitephone")


def render_app_icon_png(size: int, path: Path) -> None:
    """Write the application icon as a `size`×`size` PNG (packaging/make_icons.py)."""
    renderer = QSvgRenderer(str(APP_ICON_SVG))
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(p, QRectF(0, 0, size, size))
    p.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not pm.save(str(path), "PNG"):
        raise OSError(f"cannot write {path}")
