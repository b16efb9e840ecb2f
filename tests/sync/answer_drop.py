"""A TCP proxy in front of the hub that can lose one answer: the request goes through, the hub
handles and commits it, and the answer is thrown away with the connection closed (a line that
broke just after the hub committed). The client sees a real dropped connection, not a mock."""

from __future__ import annotations

import socket
import threading


class AnswerDroppingProxy:
    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        self.dropped = 0  # answers thrown away so far
        self._marker: bytes | None = None
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True, name="answer-dropping-proxy").start()

    def drop_answer_to(self, marker: bytes) -> None:
        """Lose the answer to the next request whose bytes hold `marker` (e.g. b"POST /api/v1/x ")."""
        with self._lock:
            self._marker = marker

    def close(self) -> None:
        self._closed = True
        self.server.close()

    def __enter__(self) -> AnswerDroppingProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            try:
                up = socket.create_connection(self.target)
            except OSError:
                conn.close()
                continue
            doomed = threading.Event()  # this connection's next answer is to be lost
            threading.Thread(target=self._requests, args=(conn, up, doomed), daemon=True).start()
            threading.Thread(target=self._answers, args=(up, conn, doomed), daemon=True).start()

    def _requests(self, conn: socket.socket, up: socket.socket, doomed: threading.Event) -> None:
        try:
            while data := conn.recv(65536):
                with self._lock:
                    if self._marker is not None and self._marker in data:
                        self._marker = None
                        doomed.set()
                up.sendall(data)
        except OSError:
            pass
        finally:
            _close(up)

    def _answers(self, up: socket.socket, conn: socket.socket, doomed: threading.Event) -> None:
        try:
            while data := up.recv(65536):
                if doomed.is_set():  # the hub answered: it has committed; the client never hears it
                    with self._lock:
                        self.dropped += 1
                    break
                conn.sendall(data)
        except OSError:
            pass
        finally:
            _close(conn)
            _close(up)


def _close(s: socket.socket) -> None:
    try:
        s.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    s.close()
