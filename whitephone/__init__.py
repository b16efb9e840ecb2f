"""WhitePhone: a desktop softphone with a built-in CRM.

Copyright (C) 2026 The WhitePhone developers. Licensed under the GNU General Public License,
version 2 or (at your option) any later version; see LICENSE.
"""

__version__ = "0.1.0"
APP_NAME = "WhitePhone"
LICENSE_NAME = "GPL-2.0-or-later"
