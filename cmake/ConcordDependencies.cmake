# SPDX-License-Identifier: GPL-3.0-or-later
# All dependencies come from Debian 12 packages (scripts/install-deps installs them).
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(OpenCV REQUIRED COMPONENTS core imgproc imgcodecs objdetect)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# libpq for the team backend (PostgreSQL server projects, DESIGN §10).
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)
