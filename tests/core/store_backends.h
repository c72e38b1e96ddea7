// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Store tests that run against both backends (issue #18): a fresh project location for the
// embedded SQLite file or for a new database on the throwaway PostgreSQL server that CTest
// starts (tests/server, concord_server_test()).

#include "core/store/pg_db.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

namespace concord_test {

/// Adds the `backend` column with a row per backend: call it from a test's _data() function.
inline void addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

/// The server the suite runs against (CONCORD_TEST_PG, set by CTest); throws when it is not
/// set, so a server test run outside CTest fails with the reason instead of skipping.
inline std::string testServer()
{
    const char *server = std::getenv("CONCORD_TEST_PG");
    if (!server || !*server)
        throw std::runtime_error("CONCORD_TEST_PG is not set: run server tests through ctest, which starts the "
                                 "throwaway PostgreSQL server (tests/server/README.md)");
    return server;
}

/// A new, empty database on the test server; returns its connection string.
inline std::string freshServerDatabase(const std::string &name)
{
    static int counter = 0;
    std::string db = "t_" + name + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    for (char &c : db)
        c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                                                        : '_';
    const std::string server = testServer();
    concord::core::pg::Connection admin(server + " dbname=postgres");
    admin.execScript("CREATE DATABASE " + admin.quoteIdentifier(db));
    return server + " dbname=" + db;
}

/// `conninfo` signed in as another role: its user and password replaced by `user`, `password`
/// (a labeler's own login on the test server).
inline std::string withLogin(const std::string &conninfo, const std::string &user, const std::string &password)
{
    auto parts = concord::core::pg::parseConnectionString(conninfo);
    std::erase_if(parts, [](const auto &p) { return p.first == "user" || p.first == "password"; });
    parts.emplace_back("user", user);
    parts.emplace_back("password", password);
    return concord::core::pg::makeConnectionString(parts);
}

/// Where a new project named `name` goes for `backend` ("sqlite" or "postgresql").
inline std::string freshLocation(const QString &backend, const QTemporaryDir &dir, const std::string &name)
{
    if (backend == QLatin1String("sqlite"))
        return (std::filesystem::path(dir.path().toStdString()) / (name + ".concord")).string();
    return freshServerDatabase(name);
}

} // namespace concord_test
