# WhitePhone: `make run` opens the app, `make test` runs the whole suite.
# Both bootstrap from nothing: Debian packages (installed when run as root, otherwise the exact
# apt-get line is printed), then .venv with every Python dependency.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Runtime: PortAudio + PulseAudio client + speexdsp (echo canceller) for the audio bridge, Qt's xcb/EGL/font libraries,
# Xvfb for screenshots. Tests: PulseAudio server (virtual devices), real SIP peers.
DEB_RUNTIME := python3-venv libportaudio2 libpulse0 libspeexdsp1 libegl1 libgl1 libfontconfig1 libdbus-1-3 \
  libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 \
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libx11-6 fonts-dejavu-core
DEB_TEST := pulseaudio pulseaudio-utils xvfb sip-tester baresip kamailio kamailio-sqlite-modules \
  sqlite3 sox espeak-ng openssl coturn nftables iptables nginx iproute2 kamailio-autheph-modules \
  kamailio-tls-modules kamailio-websocket-modules tinyproxy desktop-file-utils appstream xdg-utils xdotool dbus \
  krb5-kdc krb5-admin-server krb5-user libkrb5-dev
DEB_ALL := $(DEB_RUNTIME) $(DEB_TEST)

.PHONY: run test lint screenshots bench deb-deps venv clean demo icons package package-test

deb-deps:
	@missing=$$(for p in $(DEB_ALL); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing Debian packages. Run:"; echo "  sudo apt-get install -y $$missing"; exit 1; \
	  fi; \
	fi

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory deb-deps
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/whitephone

demo: $(STAMP)
	$(BIN)/whitephone demo

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP)
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n 3 --dist loadgroup -p no:cacheprovider

# every screen in the light theme, the dark theme, and light at 200 % scaling
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m whitephone.ui.screenshots --theme light screenshots/light
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m whitephone.ui.screenshots --theme dark screenshots/dark
	QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=2 $(BIN)/python -m whitephone.ui.screenshots --theme light screenshots/200

bench: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python benchmarks/contacts.py
	$(BIN)/python benchmarks/startup.py
	@for b in benchmarks/window_call_leak.py benchmarks/calls.py benchmarks/call_quality.py benchmarks/hub.py; do [ -f $$b ] && $(BIN)/python $$b || true; done

# Installers (packaging/README.md). `make package`: the PyInstaller one-folder bundle
# dist/whitephone/ and dist/whitephone_VERSION_ARCH.deb (xz: minutes on a busy machine;
# DEB_COMPRESS=gzip for a quicker, larger .deb). `make package-test` builds and tests them.
DEB_COMPRESS ?= xz

icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/make_icons.py build/icons

package: icons
	$(BIN)/python -m pip install -q -e '.[package]'
	$(BIN)/python packaging/translations.py release
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
	  packaging/pyinstaller/whitephone.spec
	$(BIN)/python packaging/linux/build_deb.py --bundle dist/whitephone --icons build/icons --out dist \
	  --compress $(DEB_COMPRESS) --strict-tools
	@du -sh dist/whitephone dist/whitephone_*.deb

package-test: package
	WHITEPHONE_PACKAGE_TEST=1 WHITEPHONE_DEB="$$(ls -t dist/whitephone_*.deb | head -1)" \
	  QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider tests/packaging

clean:
	rm -rf $(VENV) screenshots .pytest_cache build dist
