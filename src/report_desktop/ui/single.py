"""One window per data file: a second start brings the first window to the front and exits.

The window that claims the data file (services/holder.py) rings no one; it opens a *door*
(a QLocalServer: a local socket on Linux, a named pipe on Windows, named after the data
file).  A start that finds the file held knocks on that door: the holding window answers
"ok", comes to the front, and the second start exits with 0.  A holder that does not answer
in time (hung, or still starting) is waited for; if it lets go meanwhile (it was closed or
crashed), the second start claims the file and becomes the window itself.

A second start exits without a QApplication; QtNetwork is loaded only to knock, or to open
the door once the window's first frame is on screen.
"""
from __future__ import annotations

import logging
import os
import sys
import time

from PySide6.QtCore import QObject, Signal

from .. import APP_NAME
from ..services import holder

log = logging.getLogger(__name__)

KNOCK, ANSWER = b"activate\n", b"ok\n"
HAND_OVER_S = 20.0      # a window starting on a slow PC (or under Wine) may take a while
KNOCK_MS = 1500         # one knock: connect, send, wait for the answer
EXIT_SHOWN = 0
EXIT_HELD = 2


class Door(QObject):
    """The holding window's door: ``knocked`` when a second start asks for the window."""

    knocked = Signal()

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        from PySide6.QtNetwork import QLocalServer
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        # The data file is ours (claimed), so a socket of this name is a dead holder's.
        QLocalServer.removeServer(name)
        if not self._server.listen(name):
            log.warning("single window: cannot listen on %s: %s", name, self._server.errorString())

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            peer = self._server.nextPendingConnection()
            peer.readyRead.connect(lambda p=peer: self._read(p))
            peer.disconnected.connect(peer.deleteLater)
            if peer.bytesAvailable():
                self._read(peer)

    def _read(self, peer) -> None:
        if not peer.canReadLine():
            return
        if bytes(peer.readLine()) == KNOCK:
            peer.write(ANSWER)
            peer.flush()
            log.info("single window: a second start on this data file brought the window to the front")
            self.knocked.emit()
        peer.disconnectFromServer()

    def close(self) -> None:
        self._server.close()


class Keeper:
    """What the window holding a data file keeps: a door per data file it holds, and the
    claims it took after start-up (the file that replaced a damaged store)."""

    def __init__(self, window):
        self.window = window
        self._doors: list[Door] = []
        self._claims: list[holder.Claim] = []

    def open_door(self, path) -> None:
        door = Door(holder.server_name(path), self.window)
        door.knocked.connect(self._knocked)
        self._doors.append(door)

    def _knocked(self) -> None:
        bring_to_front(self.window)
        self.window.status("这个数据文件已在本窗口中打开，不再另开窗口。")

    def hold_also(self, path) -> holder.Holder | None:
        """Hold ``path`` as well (a second start on it comes here too): None when held now
        (or when no lock file can be made), else who holds it already."""
        try:
            got = holder.try_claim(path, holder.WINDOW)
        except OSError:
            return None
        if isinstance(got, holder.Holder):
            return got
        self._claims.append(got)
        self.open_door(path)
        return None

    def close_doors(self) -> None:
        """First when closing: a knock answered by a closing window would show nothing."""
        for door in self._doors:
            door.close()
        self._doors.clear()

    def release(self) -> None:
        """Last, once the store is closed."""
        for claim in self._claims:
            claim.release()
        self._claims.clear()


def bring_to_front(window) -> None:
    """Un-minimise, raise and activate ``window`` (and a dialog it has open, on top)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    state = window.windowState()
    if state & Qt.WindowState.WindowMinimized:
        window.setWindowState(state & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    modal = QApplication.activeModalWidget()
    if modal is not None and modal is not window:
        modal.raise_()
        modal.activateWindow()


def knock(name: str, pid: int | None) -> bool:
    """Ask the window listening on ``name`` to come to the front; True when it answered."""
    if sys.platform == "win32" and pid:
        _allow_foreground(pid)
    from PySide6.QtNetwork import QLocalSocket
    peer = QLocalSocket()
    peer.connectToServer(name)
    if not peer.waitForConnected(KNOCK_MS):
        return False
    peer.write(KNOCK)
    answered = peer.waitForBytesWritten(KNOCK_MS) and peer.waitForReadyRead(KNOCK_MS)
    answer = peer.readAll().data() if answered else b""
    peer.abort()
    return answer == ANSWER


def _allow_foreground(pid: int) -> None:
    """Windows lets only the foreground process (this one, just started) hand the
    foreground to another: without this the window would only flash in the task bar."""
    if sys.platform != "win32":
        return
    try:
        import ctypes
        ctypes.windll.user32.AllowSetForegroundWindow(int(pid))
    except Exception:     # no user32 (a service session): raising is best effort
        pass


def acquire(path, waited_s: float = HAND_OVER_S) -> holder.Claim | int | None:
    """Claim the data file for a window.  A Claim: start the window.  An int: exit with
    it (0: the window already holding the file was brought to the front; 2: it is held
    and its holder did not answer, the person was told).  None: no lock file could be
    made (a read-only profile): start anyway, the store's own locking still applies."""
    name = holder.server_name(path)
    deadline = time.monotonic() + waited_s
    who = None
    while True:
        try:
            got = holder.try_claim(path, holder.WINDOW)
        except OSError as exc:
            log.warning("single window: no lock file for %s: %s", path, exc)
            return None
        if isinstance(got, holder.Claim):
            return got
        who = got
        if who.kind != holder.COMMAND and knock(name, who.pid):
            return EXIT_SHOWN
        if time.monotonic() >= deadline:
            break
        time.sleep(holder.POLL_S)
    _tell_held(holder.resolved(path), who, waited_s)
    return EXIT_HELD


def held_text(path, who: holder.Holder, waited_s: float) -> str:
    """Why no window opens on ``path``: its holder did not answer (or is a command)."""
    if who.kind == holder.COMMAND:
        return holder.held_message(path, who, waited_s)
    pid = f"（进程 {who.pid}）" if who.pid else ""
    return (f"请切换到已打开的“{APP_NAME}”窗口，或结束没有响应的那个进程{pid}后再启动："
            f"数据文件“{path}”正由它使用，它在 {waited_s:g} 秒内没有响应。")


def _tell_held(path, who: holder.Holder, waited_s: float) -> None:
    """A holder that never answered: say so (stderr and a message box: pythonw has no console)."""
    text = held_text(path, who, waited_s)
    log.warning("single window: %s", text)
    if sys.stderr is not None:
        try:
            print(text, file=sys.stderr, flush=True)
        except (OSError, ValueError):
            pass
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] == "offscreen":   # also with options
        return                       # no one to see a box (tests, a headless run)
    from .qapp import application
    from PySide6.QtWidgets import QMessageBox
    application()
    QMessageBox.warning(None, "数据文件正被使用", text)
