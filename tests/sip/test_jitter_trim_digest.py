"""The pjsua2 build key's SHA-256 (jitter_trim.library_digest): CPython's own SHA-256 (no OpenSSL
in the engine, issue 18), remembered per installed file so an engine start does not hash 9.6 MiB."""

from __future__ import annotations

import hashlib
import os

import pytest

from whitephone.sip import jitter_trim


def test_digest_is_sha256_remembered_and_redone_when_the_file_changes(tmp_path, monkeypatch):
    lib = tmp_path / "lib.so"
    lib.write_bytes(b"\x7fELF" + os.urandom(100_000))
    cache = tmp_path / "cache" / "digest.json"
    want = hashlib.sha256(lib.read_bytes()).hexdigest()
    assert jitter_trim.library_digest(str(lib), cache) == want
    assert cache.is_file()

    def no_hashing(_data):
        raise AssertionError("hashed again")

    with monkeypatch.context() as m:
        m.setattr(jitter_trim, "_sha256", no_hashing)
        assert jitter_trim.library_digest(str(lib), cache) == want  # from the cache
        lib.write_bytes(b"\x7fELF" + os.urandom(100_000))  # another build installed
        with pytest.raises(AssertionError, match="hashed again"):
            jitter_trim.library_digest(str(lib), cache)
    assert jitter_trim.library_digest(str(lib), cache) == hashlib.sha256(lib.read_bytes()).hexdigest()


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"stamp": 1}', ""])
def test_a_damaged_cache_is_ignored_and_rewritten(tmp_path, content):
    lib = tmp_path / "lib.so"
    lib.write_bytes(b"abc")
    cache = tmp_path / "digest.json"
    cache.write_text(content)
    assert jitter_trim.library_digest(str(lib), cache) == hashlib.sha256(b"abc").hexdigest()
    assert jitter_trim.library_digest(str(lib), cache) == hashlib.sha256(b"abc").hexdigest()


def test_an_unwritable_cache_folder_still_gives_the_digest(tmp_path):
    lib = tmp_path / "lib.so"
    lib.write_bytes(b"abc")
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert jitter_trim.library_digest(str(lib), blocker / "sub" / "digest.json") == hashlib.sha256(b"abc").hexdigest()


def test_the_installed_pjsua2_digest_is_the_known_builds(tmp_path):
    digest = jitter_trim.library_digest(jitter_trim.pj._pjsua2.__file__, tmp_path / "d.json")  # noqa: SLF001
    assert digest in {key[3] for key in jitter_trim._LAYOUTS}  # noqa: SLF001


@pytest.mark.skipif(not jitter_trim.sys.platform.startswith("linux"), reason="the XDG rule is Linux's")
@pytest.mark.parametrize("xdg", [None, "", "relative/cache", "/somewhere/cache"])
def test_cache_folder_is_platformdirs_without_importing_it(xdg, tmp_path, monkeypatch):
    """The digest's folder is platformdirs.user_cache_dir's, worked out without platformdirs
    (which would import tempfile, shutil and typing into the engine, issue 18)."""
    import platformdirs

    monkeypatch.setenv("HOME", str(tmp_path))
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert jitter_trim._cache_folder() == jitter_trim.Path(platformdirs.user_cache_dir("whitephone", appauthor=False))


def test_machine_is_platforms():
    import platform

    assert jitter_trim._machine() == platform.machine()
